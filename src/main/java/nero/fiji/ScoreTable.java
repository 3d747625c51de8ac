package nero.fiji;

import ij.measure.ResultsTable;
import java.util.ArrayList;
import java.util.List;
import nero.app.Reports;
import nero.io.table.CsvTables;

/**
 * The Results table of a scoring run, with exactly the score CSV's columns ({@link Reports.ScoreRow#header}):
 * {@code path} first (a video still's is the file's path plus {@code #frame=N} or {@code @t=…s}), so a macro reads
 * the same names as the CSV header. A method without a score is NaN.
 */
public final class ScoreTable {
    static final int DIGITS = 6;

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

    /**
     * Prints a score table as the score CSV (what the workflow writes to a file, value for value: the same
     * columns, {@code path} first, numbers as Java writes doubles, empty where a method has no score).
     */
    public static void printCsv(ResultsTable table, Appendable out) {
        String[] headings = table.getHeadings();
        List<String> header = List.of(headings);
        int fixed = Reports.ScoreRow.COLUMNS.size();
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            List<String> row = new ArrayList<>(headings.length);
            for (int c = 0; c < headings.length; c++) {
                double value = table.getValue(headings[c], r);
                // a text cell reads as NaN; a method's NaN means "not scored", written empty as in the file
                row.add(!Double.isNaN(value) ? Double.toString(value)
                        : c >= fixed ? "" : table.getStringValue(headings[c], r));
            }
            rows.add(row);
        }
        CsvTables.print(out, header, rows);
    }
}
