package nero.app;

import ij.ImagePlus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nero.core.Precision;
import nero.core.probe.LinearProbe;
import nero.io.SkippedItem;
import nero.view.EvaluationPlots;
import nero.view.ExplanationViews;

/** What the workflow gives back to the commands (which turn it into ImageJ tables, overlays and plots). */
public final class Reports {
    private Reports() {
    }

    /** {@code trainAccuracy} is NaN for a model without class names; {@code probe} is null for the model's head. */
    /**
     * {@code classesWithoutImages}: the detector's classes no training image belongs to (a model's class with no
     * training folder); they get no centroid, so images of them are measured against the other classes.
     */
    public record Fit(Path detectorFile, int trainImages, int validationImages, List<String> classNames,
            double threshold, double tpr, double trainAccuracy, List<SkippedItem> skipped, LinearProbe probe,
            List<String> classesWithoutImages, Precision precision) {
    }

    /** One row per image or still; {@code methodScores} keeps the requested extra methods in order. */
    public record ScoreRow(String id, String predictedClass, double confidence, double neroScore, double distance,
            double biasTerm, double normRatio, String nearestClass, double threshold, boolean ood,
            Map<String, Double> methodScores) {
        /** The score table's fixed columns, in order (the CSV contract); one column per extra method follows. */
        public static final List<String> COLUMNS = List.of("path", "predicted_class", "confidence", "nero_score",
                "distance", "bias_term", "norm_ratio", "nearest_class", "threshold", "verdict");

        /** {@link #COLUMNS}, then the methods. */
        public static List<String> header(List<String> methods) {
            List<String> header = new ArrayList<>(COLUMNS);
            header.addAll(methods);
            return header;
        }

        /** The values under {@link #header}: text as String, numbers as Double, null for a method not scored. */
        public List<Object> values(List<String> methods) {
            List<Object> values = new ArrayList<>(Arrays.asList(id, predictedClass, confidence, neroScore, distance,
                    biasTerm, normRatio, nearestClass, threshold, verdict()));
            for (String m : methods) {
                values.add(methodScores.get(m));
            }
            return values;
        }

        public String verdict() {
            return ood ? "OOD" : "ID";
        }
    }

    public record Score(List<ScoreRow> rows, List<String> methods, Path csvFile, List<SkippedItem> skipped) {
    }

    /** Fractions, not percentages. */
    public record MethodMetrics(String method, double auroc, double fpr95, double auprIn, double auprOut) {
    }

    /**
     * Per method, the ID and OOD score arrays behind the metrics, and the ROC curves and histogram drawn from them;
     * in {@code outDir}: {@value #METRICS_CSV}, {@value #SCORES_CSV} and the two plots (
     * {@link EvaluationPlots#ROC_PNG}, {@link EvaluationPlots#HISTOGRAM_PNG}).
     */
    public record Evaluate(List<MethodMetrics> metrics, Map<String, double[]> idScores, Map<String, double[]> oodScores,
            Path outDir, List<SkippedItem> skipped, ImagePlus roc, ImagePlus histogram) {
        public static final String METRICS_CSV = "metrics.csv";
        public static final String SCORES_CSV = "scores.csv";
    }

    /**
     * One image explained: its score row, where the score falls among the ID validation scores (percentile, 0–100),
     * the image with the heatmap overlay (ImageRoi + colour bar) for display (a montage for a source of several
     * images), the view files written (none without an output folder), and every view for windows ({@code views};
     * null for a montage).
     */
    public record Explain(ScoreRow row, double validationPercentile, ImagePlus overlayImage, List<Path> files,
            String summary, ExplanationViews views) {
        public Explain(ScoreRow row, double validationPercentile, ImagePlus overlayImage, List<Path> files,
                String summary) {
            this(row, validationPercentile, overlayImage, files, summary, null);
        }
    }
}
