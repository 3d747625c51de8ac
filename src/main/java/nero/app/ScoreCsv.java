package nero.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import nero.io.table.CsvTables;

/**
 * The score table as CSV: {@link Reports.ScoreRow#header} and one row per image or still, made from the rows alike
 * for a file and for a stream (the command line's standard output).
 */
public final class ScoreCsv {
    private ScoreCsv() {
    }

    static void write(Path file, List<Reports.ScoreRow> rows, List<String> methods) {
        try (CsvTables.RowWriter csv = CsvTables.open(file, Reports.ScoreRow.header(methods))) {
            for (Reports.ScoreRow row : rows) {
                csv.row(cells(row, methods));
            }
            csv.commit();
        }
    }

    /** A scoring run's table on a stream, value for value what {@link #write} puts in a file. */
    public static void print(Appendable out, Reports.Score report) {
        CsvTables.print(out, Reports.ScoreRow.header(report.methods()),
                report.rows().stream().map(row -> cells(row, report.methods())).toList());
    }

    /** Numbers as Java writes doubles, empty where a method has no score. */
    private static List<String> cells(Reports.ScoreRow row, List<String> methods) {
        return row.values(methods).stream().map(v -> Objects.toString(v, "")).toList();
    }
}
