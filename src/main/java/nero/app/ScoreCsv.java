package nero.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import nero.io.table.CsvTables;

/** The score table as CSV: {@link Reports.ScoreRow#header} and one row per image or still. */
final class ScoreCsv {
    private ScoreCsv() {
    }

    static void write(Path file, List<Reports.ScoreRow> rows, List<String> methods) {
        try (CsvTables.RowWriter csv = CsvTables.open(file, Reports.ScoreRow.header(methods))) {
            for (Reports.ScoreRow row : rows) {
                csv.row(row.values(methods).stream().map(v -> Objects.toString(v, "")).toList());
            }
            csv.commit();
        }
    }
}
