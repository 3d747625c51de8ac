package nero.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nero.core.DetectionMetrics;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import nero.core.OodMetrics;

/**
 * The second half of {@code evaluate}: metrics from per-method scores computed elsewhere (e.g. by
 * {@link BatchScorer} on a cluster), written as {@code evaluate} writes them ({@code metrics.csv}, {@code scores.csv}).
 */
public final class ScoreEvaluation {
    private ScoreEvaluation() {
    }

    /** One set's row ids (in order) and, per method key, its scores in the same order. */
    public record ScoredSet(List<String> ids, Map<String, double[]> scores) {
    }

    /** NERO first, then the other methods the user asked for ("all" expands), as {@code evaluate} orders them. */
    public static List<String> methods(List<String> requested) {
        return MethodChoice.withNero(requested);
    }

    /** {@code methods} in the order of {@link #methods}; {@code outDir} null writes nothing. */
    public static Reports.Evaluate evaluate(List<String> methods, ScoredSet id, ScoredSet ood, Path outDir,
            List<Reports.Skipped> skipped) {
        if (id.ids().isEmpty() || ood.ids().isEmpty()) {
            throw new InvalidInputException("evaluation needs readable images in both sets: " + id.ids().size()
                    + " ID, " + ood.ids().size() + " OOD");
        }
        OutputTargets.checkFolder(outDir, "output folder");
        Map<String, double[]> idScores = new LinkedHashMap<>();
        Map<String, double[]> oodScores = new LinkedHashMap<>();
        List<Reports.MethodMetrics> metrics = new ArrayList<>();
        for (String key : methods) {
            double[] si = id.scores().get(key);
            double[] so = ood.scores().get(key);
            idScores.put(key, si);
            oodScores.put(key, so);
            DetectionMetrics m = OodMetrics.evaluate(si, so);
            metrics.add(new Reports.MethodMetrics(key, m.auroc(), m.fpr95(), m.auprIn(), m.auprOut()));
        }
        if (outDir != null) {
            EvaluationFiles.write(outDir, metrics, idsOnly(id.ids()), idsOnly(ood.ids()), idScores, oodScores);
        }
        return new Reports.Evaluate(metrics, idScores, oodScores, outDir, skipped);
    }

    /** The files only need the row ids. */
    private static FeatureSet idsOnly(List<String> ids) {
        int n = ids.size();
        return new FeatureSet(ids.toArray(String[]::new), new float[n][0], new float[n][0], new int[n]);
    }
}
