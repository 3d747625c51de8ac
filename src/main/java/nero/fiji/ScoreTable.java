package nero.fiji;

import ij.measure.ResultsTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import nero.app.Reports;
import nero.core.InvalidInputException;

/** The Results table of a scoring run: one row per image or still, NERO's parts, verdict, one column per extra method. */
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
        for (Reports.ScoreRow row : rows) {
            table.incrementCounter();
            table.addValue("id", row.id());
            table.addValue("predicted_class", row.predictedClass());
            table.addValue("confidence", row.confidence());
            table.addValue("nero_score", row.neroScore());
            table.addValue("distance", row.distance());
            table.addValue("bias_term", row.biasTerm());
            table.addValue("norm_ratio", row.normRatio());
            table.addValue("nearest_class", row.nearestClass());
            table.addValue("threshold", row.threshold());
            table.addValue("verdict", row.verdict());
            for (String method : methods) {
                Double value = row.methodScores().get(method);
                table.addValue(method, value == null ? Double.NaN : value);
            }
        }
        return table;
    }

    /**
     * Writes the table as CSV with the command line's header ({@code path} first, as in the score CSV contract);
     * the displayed table keeps {@code id}, since a video still's identifier is not a file path.
     */
    public static void saveCsv(ResultsTable table, Path csv) {
        ResultsTable copy = (ResultsTable) table.clone();
        copy.showRowNumbers(false);
        if (copy.columnExists("id")) {
            copy.renameColumn("id", "path");
        }
        try {
            copy.saveAs(csv.toString());
        } catch (IOException e) {
            throw new InvalidInputException("cannot write the score table to " + csv + ": " + e.getMessage(), e);
        }
    }
}
