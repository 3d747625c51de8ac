package nero.app.live;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nero.app.Reports;
import nero.core.InvalidInputException;
import nero.core.timeline.OodSegment;
import nero.core.timeline.OodSegmenter;
import nero.core.timeline.SegmentRules;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.video.FrameSampling;
import nero.io.source.ImageSources;
import nero.view.TimelinePicture;

/**
 * The timeline of a video scored still by still ({@code score --timeline/--segments}): its rows (ids
 * {@code video#frame=N@t=…s}) in time order, the OOD segments among them (each still stands for the step to the
 * next), the same picture as a live watch draws, with thumbnails read from the video again (a few dozen, seeking
 * where the container allows).
 */
public final class VideoTimeline {
    private static final Pattern STILL = Pattern.compile("#frame=(\\d+)@t=([0-9.]+)s$");
    private static final int THUMBNAILS = 24;
    private static final int THUMBNAIL_HEIGHT = 96;

    private VideoTimeline() {
    }

    /** The stills of {@code video} among the rows, in time order; refused when there are none. */
    static List<Reports.ScoreRow> stills(Path video, List<Reports.ScoreRow> rows) {
        List<Reports.ScoreRow> stills = new ArrayList<>();
        for (Reports.ScoreRow r : rows) {
            if (STILL.matcher(r.id()).find()) {
                stills.add(r);
            }
        }
        if (stills.isEmpty()) {
            throw new InvalidInputException(video + ": a timeline needs a video (or DICOM video); this input gave no"
                    + " video stills");
        }
        stills.sort((a, b) -> Double.compare(seconds(a), seconds(b)));
        return stills;
    }

    /**
     * Writes the picture and/or the segments table (null = not written) for one video's rows. {@code rules}: what
     * makes a segment; a still stands for the median step between stills.
     */
    public static List<OodSegment> write(Path video, List<Reports.ScoreRow> rows, SegmentRules rules, Path picture,
            Path segmentsCsv) {
        List<Reports.ScoreRow> stills = stills(video, rows);
        int n = stills.size();
        long[] frames = new long[n];
        double[] seconds = new double[n];
        double[] scores = new double[n];
        boolean[] ood = new boolean[n];
        for (int i = 0; i < n; i++) {
            Matcher m = STILL.matcher(stills.get(i).id());
            m.find();
            frames[i] = Long.parseLong(m.group(1));
            seconds[i] = Double.parseDouble(m.group(2));
            scores[i] = stills.get(i).neroScore();
            ood[i] = stills.get(i).ood();
        }
        double period = n > 1 ? TimelinePicture.typicalStep(seconds) : 1;
        List<OodSegment> segments = OodSegmenter.find(frames, seconds, scores, ood, rules, period);
        if (segmentsCsv != null) {
            TimelineTables.writeSegments(segmentsCsv, segments);
        }
        if (picture != null) {
            double end = seconds[n - 1] + period;
            String title = String.format(Locale.ROOT, "%s: %d stills scored, one every %s", video.getFileName(), n,
                    period >= 1 ? String.format(Locale.ROOT, "%.3g s", period) : String.format(Locale.ROOT,
                            "%.0f ms", period * 1000));
            TimelinePicture.writePng(new TimelinePicture.Data(title, seconds, scores, stills.get(0).threshold(),
                    segments, thumbnails(video, end), end), picture);
        }
        return segments;
    }

    private static double seconds(Reports.ScoreRow r) {
        Matcher m = STILL.matcher(r.id());
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }

    /** About {@value #THUMBNAILS} stills spread over the video; none where it cannot be read again. */
    private static List<TimelinePicture.Thumbnail> thumbnails(Path video, double duration) {
        List<TimelinePicture.Thumbnail> out = new ArrayList<>();
        double step = Math.max(duration / THUMBNAILS, 1e-3);
        try (ImageSource source = ImageSources.open(List.of(video), FrameSampling.seconds(step))) {
            Iterator<SourceItem> it = source.iterator();
            while (it.hasNext() && out.size() <= THUMBNAILS) {
                SourceItem item = it.next();
                Matcher m = STILL.matcher(item.id());
                if (!m.find()) {
                    continue;
                }
                try {
                    out.add(thumbnail(item.read(), Double.parseDouble(m.group(2))));
                } catch (InvalidInputException e) {
                    // a damaged still: no thumbnail there
                }
            }
        } catch (InvalidInputException e) {
            return out; // the picture goes without thumbnails rather than not at all
        }
        return out;
    }

    private static TimelinePicture.Thumbnail thumbnail(ImagePlus image, double seconds) {
        ImageProcessor ip = image.getProcessor().convertToRGB();
        int h = Math.min(THUMBNAIL_HEIGHT, ip.getHeight());
        int w = (int) Math.max(1, Math.round((double) ip.getWidth() * h / ip.getHeight()));
        ip.setInterpolationMethod(ImageProcessor.BILINEAR);
        ImageProcessor small = ip.resize(w, h, true);
        return new TimelinePicture.Thumbnail(seconds, (int[]) small.getPixels(), w, h, (double) w / h);
    }
}
