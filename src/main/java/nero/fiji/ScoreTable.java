package nero.fiji;

import ij.measure.ResultsTable;
import java.util.List;
import nero.app.Reports;

/**
 * The Results table of a scoring run, with the score CSV's columns ({@link Reports.ScoreRow#header}); the first is
 * called {@code id} here, since a video still's identifier is not a file path. A method without a score is NaN.
 */
public final class ScoreTable {
    static final int DIGITS = 6;
    static final String ID_COLUMN = "id";

    private ScoreTable() {
    }

    public static ResultsTable of(Reports.Score report) {
        return of(report.rows(), report.methods());
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
                String column = i == 0 ? ID_COLUMN : header.get(i);
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
