package nero.fiji;

import ij.measure.ResultsTable;
import java.util.List;
import nero.app.Reports;

/**
 * The Results table of a scoring run, with exactly the score CSV's columns ({@link Reports.ScoreRow#header}):
 * {@code path} first (a video still's is the file's path plus {@code #frame=N} or {@code @t=…s}), so a macro reads
 * the same names as the CSV header. A method without a score is NaN.
 */
public final class ScoreTable {
    /** The named table that collects the rows of every scoring run. */
    public static final String TITLE = "NERO Scores";
    /** The named table that collects one row per explained image. */
    public static final String EXPLAIN_TITLE = "NERO Explain";
    /** The named table that collects the OOD segments of every watched video or stream. */
    public static final String SEGMENTS_TITLE = "NERO Segments";
    static final int DIGITS = 6;

    private ScoreTable() {
    }

    public static ResultsTable of(Reports.Score report) {
        return of(report.rows(), report.methods());
    }

    /** An explained image's row, with where its score falls among the ID validation scores when known. */
    static ResultsTable of(Reports.Explain report) {
        ResultsTable table = of(List.of(report.row()), List.copyOf(report.row().methodScores().keySet()));
        if (!Double.isNaN(report.validationPercentile())) {
            table.addValue("validation_percentile", report.validationPercentile());
        }
        return table;
    }

    public static ResultsTable of(List<Reports.ScoreRow> rows, List<String> methods) {
        ResultsTable table = new ResultsTable();
        table.showRowNumbers(false);
        table.setPrecision(DIGITS);
        List<String> header = Reports.ScoreRow.header(methods);
        for (Reports.ScoreRow row : rows) {
            table.incrementCounter();
            List<Object> values = row.values(methods);
            for (int i = 0; i < header.size(); i++) {
                String column = header.get(i);
                if (values.get(i) instanceof String text) {
                    table.addValue(column, text);
                } else {
                    table.addValue(column, values.get(i) == null ? Double.NaN : (Double) values.get(i));
                }
            }
        }
        return table;
    }
}
