package nero.app.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nero.app.Reports;
import nero.core.timeline.OodSegment;
import nero.io.table.CsvTables;

/**
 * The two tables of a timeline: one row per scored frame ({@link #FRAME_COLUMNS}: frame number and time, then
 * {@code score}'s columns without the path, then the latency) and one row per OOD segment ({@link
 * #SEGMENT_COLUMNS}).
 */
public final class TimelineTables {
    public static final List<String> FRAME_COLUMNS;
    public static final List<String> SEGMENT_COLUMNS = List.of("segment", "start_frame", "start_s", "end_frame",
            "end_s", "duration_s", "peak_score", "peak_frame", "peak_s", "ood_frames", "open_at_end");

    static {
        List<String> c = new ArrayList<>(List.of("frame", "time_s"));
        c.addAll(Reports.ScoreRow.COLUMNS.subList(1, Reports.ScoreRow.COLUMNS.size()));
        c.add("latency_ms");
        FRAME_COLUMNS = List.copyOf(c);
    }

    private TimelineTables() {
    }

    /** The cells of one scored frame under {@link #FRAME_COLUMNS}. */
    public static List<String> frameRow(FrameResult r) {
        List<String> cells = new ArrayList<>(FRAME_COLUMNS.size());
        cells.add(Long.toString(r.frame()));
        cells.add(seconds(r.seconds()));
        List<Object> values = r.row().values(List.of());
        for (Object v : values.subList(1, values.size())) {
            cells.add(String.valueOf(v));
        }
        cells.add(String.format(Locale.ROOT, "%.1f", r.latencyMs()));
        return cells;
    }

    /** The cells of one segment under {@link #SEGMENT_COLUMNS}. */
    public static List<String> segmentRow(OodSegment s) {
        return List.of(Integer.toString(s.number()), Long.toString(s.startFrame()), seconds(s.startSeconds()),
                Long.toString(s.endFrame()), seconds(s.endSeconds()), seconds(s.durationSeconds()),
                Double.toString(s.peakScore()), Long.toString(s.peakFrame()), seconds(s.peakSeconds()),
                Integer.toString(s.oodFrames()), Boolean.toString(s.openAtEnd()));
    }

    /** Writes the segments table (atomically). */
    public static void writeSegments(Path file, List<OodSegment> segments) {
        CsvTables.write(file, SEGMENT_COLUMNS, segments.stream().map(TimelineTables::segmentRow).toList());
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
