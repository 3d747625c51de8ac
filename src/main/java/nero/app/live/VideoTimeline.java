package nero.app.live;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nero.app.Reports;
import nero.core.InvalidInputException;
import nero.core.timeline.OodSegment;
import nero.core.timeline.OodSegmenter;
import nero.core.timeline.SegmentRules;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.source.ImageSources;
import nero.io.source.StackPlanes;
import nero.io.video.FrameSampling;
import nero.view.TimelinePicture;

/**
 * The timeline of a video scored still by still ({@code score --timeline/--segments}) or of a stack open in ImageJ
 * scored slice by slice (Fiji's Score Images on the current image): its rows in time order, the OOD segments among
 * them (each still stands for the step to the next), the same picture as a live watch draws, with thumbnails (a
 * video is read again for them, a few dozen stills, seeking where the container allows; a stack gives its slices).
 */
public final class VideoTimeline {
    private static final Pattern STILL = Pattern.compile("#frame=(\\d+)@t=([0-9.]+)s$");
    private static final int THUMBNAILS = 24;
    private static final int THUMBNAIL_HEIGHT = 96;

    private VideoTimeline() {
    }

    /** Scored pictures in time order: their frame numbers, times, scores and verdicts. */
    private record Points(long[] frames, double[] seconds, double[] scores, boolean[] ood, double threshold) {
        static Points of(List<Reports.ScoreRow> rows, long[] frames, double[] seconds) {
            int n = rows.size();
            double[] scores = new double[n];
            boolean[] ood = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = rows.get(i).neroScore();
                ood[i] = rows.get(i).ood();
            }
            return new Points(frames, seconds, scores, ood, rows.get(0).threshold());
        }

        int size() {
            return seconds.length;
        }

        double period() {
            return size() > 1 ? TimelinePicture.typicalStep(seconds) : 1;
        }
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
        for (int i = 0; i < n; i++) {
            Matcher m = STILL.matcher(stills.get(i).id());
            m.find();
            frames[i] = Long.parseLong(m.group(1));
            seconds[i] = Double.parseDouble(m.group(2));
        }
        Points points = Points.of(stills, frames, seconds);
        List<OodSegment> segments = segments(points, rules, segmentsCsv);
        if (picture != null) {
            double period = points.period();
            double end = seconds[n - 1] + period;
            String title = String.format(Locale.ROOT, "%s: %d stills scored, one every %s", video.getFileName(), n,
                    step(period));
            TimelinePicture.writePng(new TimelinePicture.Data(title, seconds, points.scores(), points.threshold(),
                    segments, thumbnails(video, end), end), picture);
        }
        return segments;
    }

    /**
     * The same for a stack open in ImageJ scored picture by picture ({@link StackPlanes}: ids, times and frame numbers;
     * a stack without times is drawn over its slices, each counted as one second for the segment rules).
     */
    public static List<OodSegment> write(ImagePlus stack, List<Reports.ScoreRow> rows, SegmentRules rules,
            Path picture, Path segmentsCsv) {
        return write(stack, rows, rules, segmentsCsv, picture, null);
    }

    /** The timeline picture of a scored stack as an image (for a window), its segments table written when asked. */
    public static ImagePlus draw(ImagePlus stack, List<Reports.ScoreRow> rows, SegmentRules rules, Path segmentsCsv) {
        ImagePlus[] drawn = new ImagePlus[1];
        write(stack, rows, rules, segmentsCsv, null, drawn);
        return drawn[0];
    }

    private static List<OodSegment> write(ImagePlus stack, List<Reports.ScoreRow> rows, SegmentRules rules,
            Path segmentsCsv, Path picture, ImagePlus[] drawn) {
        Map<String, StackPlanes.Plane> byId = new HashMap<>();
        List<StackPlanes.Plane> planes = StackPlanes.of(stack);
        planes.forEach(p -> byId.put(p.id(), p));
        List<Reports.ScoreRow> scored = new ArrayList<>();
        List<StackPlanes.Plane> at = new ArrayList<>();
        for (Reports.ScoreRow r : rows) {
            StackPlanes.Plane p = byId.get(r.id());
            if (p != null) {
                scored.add(r);
                at.add(p);
            }
        }
        if (scored.isEmpty()) {
            throw new InvalidInputException(stack.getTitle() + ": a timeline needs scored slices of this image");
        }
        int n = scored.size();
        long[] frames = new long[n];
        double[] seconds = new double[n];
        for (int i = 0; i < n; i++) {
            frames[i] = at.get(i).frame();
            seconds[i] = at.get(i).seconds();
        }
        Points points = Points.of(scored, frames, seconds);
        List<OodSegment> segments = segments(points, rules, segmentsCsv);
        if (picture == null && drawn == null) {
            return segments;
        }
        boolean timed = planes.get(0).timed();
        List<TimelinePicture.Thumbnail> thumbnails = stackThumbnails(stack, planes);
        String title = String.format(Locale.ROOT, "%s: %d of %d %s scored", stack.getTitle(), n, planes.size(),
                timed ? "pictures" : "slices") + (timed ? ", one every " + step(points.period()) : "");
        TimelinePicture.Data data = timed
                ? new TimelinePicture.Data(title, seconds, points.scores(), points.threshold(), segments, thumbnails,
                        planes.get(planes.size() - 1).seconds() + points.period())
                : TimelinePicture.overSlices(title, seconds, points.scores(), points.threshold(), segments,
                        thumbnails);
        if (picture != null) {
            TimelinePicture.writePng(data, picture);
        }
        if (drawn != null) {
            drawn[0] = TimelinePicture.draw(data);
            drawn[0].setTitle("Timeline of " + stack.getTitle());
        }
        return segments;
    }

    private static List<OodSegment> segments(Points p, SegmentRules rules, Path segmentsCsv) {
        List<OodSegment> segments = OodSegmenter.find(p.frames(), p.seconds(), p.scores(), p.ood(), rules,
                p.period());
        if (segmentsCsv != null) {
            TimelineTables.writeSegments(segmentsCsv, segments);
        }
        return segments;
    }

    private static String step(double period) {
        return period >= 1 ? String.format(Locale.ROOT, "%.3g s", period)
                : String.format(Locale.ROOT, "%.0f ms", period * 1000);
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

    /** About {@value #THUMBNAILS} pictures spread over the stack, as the model would see their channels. */
    private static List<TimelinePicture.Thumbnail> stackThumbnails(ImagePlus stack, List<StackPlanes.Plane> planes) {
        List<TimelinePicture.Thumbnail> out = new ArrayList<>();
        int every = Math.max(1, (int) Math.ceil(planes.size() / (double) THUMBNAILS));
        for (int i = 0; i < planes.size(); i += every) {
            StackPlanes.Plane p = planes.get(i);
            try {
                ImagePlus picture = StackPlanes.picture(stack, p);
                ImagePlus rgb = picture.isComposite() ? new ImagePlus("", picture.getBufferedImage()) : picture;
                out.add(thumbnail(rgb, p.seconds() + (p.timed() ? 0 : 0.5)));
            } catch (RuntimeException e) {
                // a picture the stack cannot give (a damaged video frame): no thumbnail there
            }
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
