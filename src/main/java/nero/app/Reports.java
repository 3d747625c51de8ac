package nero.app;

import ij.ImagePlus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nero.io.SkippedItem;

/** What the workflow gives back to the commands (which turn it into ImageJ tables, overlays and plots). */
public final class Reports {
    private Reports() {
    }

    public record Fit(Path detectorFile, int trainImages, int validationImages, List<String> classNames,
            double threshold, double tpr, double trainAccuracy, List<SkippedItem> skipped) {
    }

    /** One row per image or still; {@code methodScores} keeps the requested extra methods in order. */
    public record ScoreRow(String id, String predictedClass, double confidence, double neroScore, double distance,
            double biasTerm, double normRatio, String nearestClass, double threshold, boolean ood,
            Map<String, Double> methodScores) {
        public String verdict() {
            return ood ? "OOD" : "ID";
        }
    }

    public record Score(List<ScoreRow> rows, List<String> methods, Path csvFile, List<SkippedItem> skipped) {
    }

    /** Fractions, not percentages. */
    public record MethodMetrics(String method, double auroc, double fpr95, double auprIn, double auprOut) {
    }

    /** Per method, the ID and OOD score arrays behind the metrics (for ROC curves and histograms). */
    public record Evaluate(List<MethodMetrics> metrics, Map<String, double[]> idScores, Map<String, double[]> oodScores,
            Path outDir, List<SkippedItem> skipped) {
    }

    /**
     * One image explained: its score row, where the score falls among the ID validation scores (percentile, 0–100),
     * the image with the heatmap overlay (ImageRoi + colour bar) for display, and the view files written.
     */
    public record Explain(ScoreRow row, double validationPercentile, ImagePlus overlayImage, List<Path> files,
            String summary) {
    }
}
