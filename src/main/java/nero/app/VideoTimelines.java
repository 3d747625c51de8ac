package nero.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nero.app.live.VideoTimeline;
import nero.core.InvalidInputException;

/** {@code score}'s timeline of a video ({@link Requests.Timeline}): checked before the job, written after it. */
final class VideoTimelines {
    private VideoTimelines() {
    }

    /**
     * The video whose timeline is asked for (null when none is), its outputs checked against each other and the
     * job's {@code inputs}; before any work (and again once the model files are known).
     */
    static Path check(Requests.Score r, Path... inputs) {
        Requests.Timeline t = r.timeline();
        if (t == null || !t.wanted()) {
            return null;
        }
        boolean oneFile = r.inputs() != null && r.inputs().size() == 1 && (r.images() == null || r.images().isEmpty())
                && !Files.isDirectory(r.inputs().get(0));
        if (!oneFile) {
            throw new InvalidInputException("a timeline is drawn for one video: give one video file as the input");
        }
        OutputChecks.files(outputs(r), inputs);
        return r.inputs().get(0);
    }

    static void write(Path video, List<Reports.ScoreRow> rows, Requests.Timeline t) {
        VideoTimeline.write(video, rows, t.rules(), t.picture(), t.segmentsCsv());
    }

    private static Map<String, Path> outputs(Requests.Score r) {
        Map<String, Path> out = new LinkedHashMap<>();
        out.put("score table", r.csvOut());
        out.put("timeline picture", r.timeline().picture());
        out.put("segments table", r.timeline().segmentsCsv());
        return out;
    }
}
