package nero.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nero.core.DetectionMetrics;
import nero.core.InvalidInputException;
import nero.core.OodMetrics;
import nero.core.methods.OodMethods;
import nero.io.SkippedItem;
import nero.view.EvaluationPlots;

/**
 * The second half of {@code evaluate}: metrics from per-method scores computed elsewhere (e.g. by
 * {@link BatchScorer} on a cluster), written as {@code evaluate} writes them ({@code metrics.csv}, {@code scores.csv},
 * {@code roc.png}, {@code histogram.png}).
 */
public final class ScoreEvaluation {
    private ScoreEvaluation() {
    }

    /** One set's row ids (in order) and, per method key, its scores in the same order. */
    public record ScoredSet(List<String> ids, Map<String, double[]> scores) {
    }

    /**
     * Refuses an output folder that cannot take the files (a file, not writable, one of the inputs), before the
     * scores are computed elsewhere.
     */
    public static void checkOutput(Path outDir, Path... inputs) {
        OutputTargets.checkFolder(outDir, "output folder", true, inputs);
    }

    /** {@code methods}: as {@code evaluate} orders them ({@link OodMethods#withNeroFirst}); {@code outDir} null writes nothing. */
    public static Reports.Evaluate evaluate(List<String> methods, ScoredSet id, ScoredSet ood, Path outDir,
            List<SkippedItem> skipped) {
        return evaluate(methods, id, ood, outDir, skipped, Double.NaN);
    }

    /** As above, with the detector's NERO threshold drawn on the histogram (NaN: none). */
    public static Reports.Evaluate evaluate(List<String> methods, ScoredSet id, ScoredSet ood, Path outDir,
            List<SkippedItem> skipped, double neroThreshold) {
        if (id.ids().isEmpty() || ood.ids().isEmpty()) {
            throw new InvalidInputException("evaluation needs readable images in both sets: " + id.ids().size()
                    + " ID, " + ood.ids().size() + " OOD");
        }
        OutputTargets.checkFolder(outDir, "output folder", true);
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
            EvaluationFiles.write(outDir, metrics, id.ids(), ood.ids(), idScores, oodScores);
        }
        EvaluationPlots.Pictures plots = EvaluationPlots.write(idScores, oodScores, neroThreshold, outDir);
        return new Reports.Evaluate(metrics, idScores, oodScores, outDir, skipped, plots.roc(), plots.histogram());
    }
}
