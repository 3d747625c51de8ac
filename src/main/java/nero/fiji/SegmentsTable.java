package nero.fiji;

import ij.measure.ResultsTable;
import java.util.ArrayList;
import java.util.List;
import nero.app.live.TimelineTables;
import nero.app.live.WatchListener;
import nero.core.timeline.OodSegment;
import nero.view.TimelinePicture;

/**
 * The OOD segments of a watch as an ImageJ table, one row per segment as it ends, with exactly the segments CSV's
 * columns ({@link TimelineTables#SEGMENT_COLUMNS}); and the picture of each segment's peak frame. Filled on the
 * scoring thread; read under its lock ({@link #table()} is the lock).
 */
final class SegmentsTable implements WatchListener {
    private final ResultsTable table = new ResultsTable();
    private final List<OodSegment> segments = new ArrayList<>();
    private final List<TimelinePicture.Thumbnail> peaks = new ArrayList<>();
    private Runnable changed = () -> {
    };

    SegmentsTable() {
        table.showRowNumbers(false);
        table.setPrecision(ScoreTable.DIGITS);
    }

    ResultsTable table() {
        return table;
    }

    /** Called (on the scoring thread) after each new row. */
    void onChange(Runnable action) {
        changed = action;
    }

    @Override
    public void segmentEnded(OodSegment segment, TimelinePicture.Thumbnail peak) {
        synchronized (table) {
            table.incrementCounter();
            List<String> cells = TimelineTables.segmentRow(segment);
            for (int i = 0; i < cells.size(); i++) {
                String column = TimelineTables.SEGMENT_COLUMNS.get(i);
                String cell = cells.get(i);
                try {
                    table.addValue(column, Double.parseDouble(cell));
                    table.setDecimalPlaces(table.getColumnIndex(column), decimals(column));
                } catch (NumberFormatException e) {
                    table.addValue(column, cell); // open_at_end: true/false, as in the CSV
                }
            }
            segments.add(segment);
            peaks.add(peak);
        }
        changed.run();
    }

    /** As the CSV writes them: counts whole, times to the millisecond, the score to six digits. */
    private static int decimals(String column) {
        return column.endsWith("_s") ? 3 : column.equals("peak_score") ? ScoreTable.DIGITS : 0;
    }

    /** The segment in row {@code row}, or null. */
    OodSegment segment(int row) {
        synchronized (table) {
            return row >= 0 && row < segments.size() ? segments.get(row) : null;
        }
    }

    /** The picture of row {@code row}'s peak frame (the model's input), or null. */
    TimelinePicture.Thumbnail peak(int row) {
        synchronized (table) {
            return row >= 0 && row < peaks.size() ? peaks.get(row) : null;
        }
    }
}
