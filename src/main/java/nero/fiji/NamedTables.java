package nero.fiji;

import ij.measure.ResultsTable;
import java.awt.GraphicsEnvironment;
import java.util.Map;

/**
 * ImageJ table windows with a name of their own ("NERO Scores"): one that collects the rows of every run until the
 * window is closed, and one that a run replaces. The window holds the table, so closing it (or a macro's
 * {@code Table.reset("NERO Scores")}) starts afresh; headless there are no windows and nothing to collect into.
 */
public final class NamedTables {
    private NamedTables() {
    }

    /**
     * Adds {@code rows} (plus {@code runColumns}, the same value on each row) under the rows already in the window
     * {@code title}, or opens it. A column that only later runs have is empty (NaN) in earlier rows. Returns the
     * window's table (null headless).
     */
    public static ResultsTable append(String title, ResultsTable rows, Map<String, String> runColumns) {
        if (GraphicsEnvironment.isHeadless()) {
            return null;
        }
        ResultsTable table = ResultsTable.getResultsTable(title);
        if (table == null) {
            table = new ResultsTable();
            table.setPrecision(ScoreTable.DIGITS);
        }
        addRows(table, rows, runColumns);
        table.show(title);
        return table;
    }

    /** The rows of {@code rows}, each with {@code runColumns}, added under those of {@code table}. */
    static void addRows(ResultsTable table, ResultsTable rows, Map<String, String> runColumns) {
        table.setNaNEmptyCells(true);
        table.showRowNumbers(false);
        String[] headings = rows.getHeadings();
        for (int r = 0; r < rows.size(); r++) {
            table.incrementCounter();
            for (String heading : headings) {
                int c = rows.getColumnIndex(heading);
                double v = rows.getValueAsDouble(c, r);
                String text = rows.getStringValue(c, r);
                if (Double.isNaN(v) && text != null && !text.equals("NaN")) {
                    table.addValue(heading, text);
                } else {
                    table.addValue(heading, v);
                }
            }
            runColumns.forEach(table::addValue);
        }
    }

    /** Shows {@code table} in the window {@code title}, in place of what it showed. */
    public static void replace(String title, ResultsTable table) {
        if (!GraphicsEnvironment.isHeadless()) {
            table.showRowNumbers(false);
            table.show(title);
        }
    }
}
