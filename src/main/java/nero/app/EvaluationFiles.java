package nero.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nero.core.InvalidInputException;
import nero.io.table.CsvTables;
import nero.view.EvaluationPlots;

/** evaluate's files: {@code metrics.csv} (fractions) and {@code scores.csv} (one row per image, one column per method). */
final class EvaluationFiles {
    /** Every file evaluate writes into its folder: these tables and the plots of {@link EvaluationPlots}. */
    static final List<String> NAMES = List.of(Reports.Evaluate.METRICS_CSV, Reports.Evaluate.SCORES_CSV,
            EvaluationPlots.ROC_PNG, EvaluationPlots.HISTOGRAM_PNG);

    private EvaluationFiles() {
    }

    /** {@code idIds}/{@code oodIds}: the rows' ids, in the order of the score arrays. */
    static void write(Path dir, List<Reports.MethodMetrics> metrics, List<String> idIds, List<String> oodIds,
            Map<String, double[]> idScores, Map<String, double[]> oodScores) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("cannot create the output folder " + dir + ": " + e.getMessage(), e);
        }
        List<String> header = new ArrayList<>(List.of("path", "set"));
        header.addAll(idScores.keySet());
        // one set, as --vectors: both tables filled first, then renamed together, so a failed run never leaves
        // new metrics beside the previous run's scores
        try (CsvTables.RowWriter metricsCsv = CsvTables.open(dir.resolve(Reports.Evaluate.METRICS_CSV),
                List.of("method", "auroc", "fpr95", "aupr_in", "aupr_out"));
                CsvTables.RowWriter scoresCsv = CsvTables.open(dir.resolve(Reports.Evaluate.SCORES_CSV), header)) {
            for (Reports.MethodMetrics m : metrics) {
                metricsCsv.row(List.of(m.method(), Double.toString(m.auroc()), Double.toString(m.fpr95()),
                        Double.toString(m.auprIn()), Double.toString(m.auprOut())));
            }
            List<String> methods = List.copyOf(idScores.keySet());
            writeScores(scoresCsv, idIds, "id", methods, idScores);
            writeScores(scoresCsv, oodIds, "ood", methods, oodScores);
            CsvTables.commitAll(List.of(metricsCsv, scoresCsv));
        }
    }

    private static void writeScores(CsvTables.RowWriter csv, List<String> ids, String name, List<String> methods,
            Map<String, double[]> scores) {
        for (int i = 0; i < ids.size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(ids.get(i));
            row.add(name);
            for (String method : methods) {
                row.add(Double.toString(scores.get(method)[i]));
            }
            csv.row(row);
        }
    }
}
