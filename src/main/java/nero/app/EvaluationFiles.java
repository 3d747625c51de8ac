package nero.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;

/** evaluate's files: {@code metrics.csv} (fractions) and {@code scores.csv} (one row per image, one column per method). */
final class EvaluationFiles {
    private EvaluationFiles() {
    }

    static void write(Path dir, List<Reports.MethodMetrics> metrics, FeatureSet id, FeatureSet ood,
            Map<String, double[]> idScores, Map<String, double[]> oodScores) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("cannot create the output folder " + dir + ": " + e.getMessage(), e);
        }
        VectorFiles.writeCsv(dir.resolve("metrics.csv"), List.of("method", "auroc", "fpr95", "aupr_in", "aupr_out"),
                metrics.size(), (i, row) -> {
                    Reports.MethodMetrics m = metrics.get(i);
                    row.add(m.method());
                    row.add(Double.toString(m.auroc()));
                    row.add(Double.toString(m.fpr95()));
                    row.add(Double.toString(m.auprIn()));
                    row.add(Double.toString(m.auprOut()));
                });
        List<String> header = new ArrayList<>(List.of("path", "set"));
        header.addAll(idScores.keySet());
        int n = id.size() + ood.size();
        VectorFiles.writeCsv(dir.resolve("scores.csv"), header, n, (i, row) -> {
            boolean isId = i < id.size();
            int j = isId ? i : i - id.size();
            row.add((isId ? id : ood).ids()[j]);
            row.add(isId ? "id" : "ood");
            for (String key : idScores.keySet()) {
                row.add(Double.toString((isId ? idScores : oodScores).get(key)[j]));
            }
        });
    }
}
