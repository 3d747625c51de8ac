package nero.app;

import ij.ImagePlus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nero.app.live.VideoTimeline;
import nero.core.InvalidInputException;

/**
 * {@code score}'s timeline ({@link Requests.Timeline}) of one video file, or of one stack open in ImageJ: checked
 * before the job, written after it.
 */
final class VideoTimelines {
    private VideoTimelines() {
    }

    /** What a timeline is drawn for: one video file, or one open image with several pictures. */
    record Subject(Path video, ImagePlus stack) {
        void write(List<Reports.ScoreRow> rows, Requests.Timeline t) {
            if (video != null) {
                VideoTimeline.write(video, rows, t.rules(), t.picture(), t.segmentsCsv());
            } else {
                VideoTimeline.write(stack, rows, t.rules(), t.picture(), t.segmentsCsv());
            }
        }
    }

    /**
     * What the timeline is asked for (null when none is), its outputs checked against each other and the job's
     * {@code inputs}; before any work (and again once the model files are known).
     */
    static Subject check(Requests.Score r, Path... inputs) {
        Requests.Timeline t = r.timeline();
        if (t == null || !t.wanted()) {
            return null;
        }
        boolean noFiles = r.inputs() == null || r.inputs().isEmpty();
        boolean noImages = r.images() == null || r.images().isEmpty();
        Subject subject;
        if (noImages && !noFiles && r.inputs().size() == 1 && !Files.isDirectory(r.inputs().get(0))) {
            subject = new Subject(r.inputs().get(0), null);
        } else if (noFiles && !noImages && r.images().size() == 1 && r.images().get(0).getNSlices() * r.images().get(0).getNFrames() > 1) {
            subject = new Subject(null, r.images().get(0));
        } else {
            throw new InvalidInputException("a timeline is drawn for one video or stack: give one video file as the"
                    + " input, or score one open stack");
        }
        OutputChecks.files(outputs(r), inputs);
        return subject;
    }

    private static Map<String, Path> outputs(Requests.Score r) {
        Map<String, Path> out = new LinkedHashMap<>();
        out.put("score table", r.csvOut());
        out.put("timeline picture", r.timeline().picture());
        out.put("segments table", r.timeline().segmentsCsv());
        return out;
    }
}
