package nero.view;

import ij.ImagePlus;
import ij.gui.Plot;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import nero.core.InvalidInputException;
import nero.core.OodMetrics;
import nero.core.methods.OodMethods;

/**
 * Plots of an evaluation, from each method's ID and OOD scores (higher = more OOD): ROC curves of every method, and
 * one method's ID-vs-OOD score histogram.
 */
public final class EvaluationPlots {
    public static final String ROC_PNG = "roc.png";
    public static final String HISTOGRAM_PNG = "histogram.png";
    private static final Color[] PALETTE = {new Color(200, 30, 30), new Color(30, 90, 200), new Color(30, 150, 60),
        new Color(230, 140, 0), new Color(130, 50, 170), new Color(0, 150, 160), new Color(120, 120, 120),
        new Color(170, 110, 60), new Color(220, 80, 160), Color.BLACK, new Color(110, 170, 30),
        new Color(90, 60, 20)};

    private EvaluationPlots() {
    }

    /** An evaluation's two pictures: the ROC curves and the ID-vs-OOD histogram. */
    public record Pictures(ImagePlus roc, ImagePlus histogram) {
    }

    /**
     * Draws both plots and, when {@code outDir} is not null, writes them there as {@value #ROC_PNG} and
     * {@value #HISTOGRAM_PNG}: the one writer of evaluation plots (Fiji, command line and the Spark job alike).
     */
    public static Pictures write(Map<String, double[]> idScores, Map<String, double[]> oodScores, Path outDir) {
        ImagePlus roc = roc(idScores, oodScores).getImagePlus();
        ImagePlus histogram = histogram(idScores, oodScores).getImagePlus();
        if (outDir != null) {
            ViewFiles.png(roc, outDir.resolve(ROC_PNG));
            ViewFiles.png(histogram, outDir.resolve(HISTOGRAM_PNG));
        }
        return new Pictures(roc, histogram);
    }

    /** ROC curves (OOD = positive, higher score = more OOD), one per method, with the chance diagonal. */
    public static Plot roc(Map<String, double[]> idScores, Map<String, double[]> oodScores) {
        Plot plot = new Plot("ROC (OOD = positive)", "false positive rate (ID called OOD)", "true positive rate (OOD found)");
        plot.setLimits(0, 1, 0, 1);
        plot.setColor(Color.LIGHT_GRAY);
        plot.drawLine(0, 0, 1, 1);
        StringBuilder legend = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, double[]> method : idScores.entrySet()) {
            double[] id = method.getValue();
            double[] ood = oodScores.get(method.getKey());
            if (ood == null || id.length == 0 || ood.length == 0) {
                continue;
            }
            double[][] curve = OodMetrics.rocCurve(id, ood);
            plot.setColor(PALETTE[i++ % PALETTE.length]);
            plot.setLineWidth(2);
            plot.addPoints(curve[0], curve[1], Plot.LINE);
            legend.append(String.format(Locale.ROOT, "%s (AUROC %.3f)%n", method.getKey(), OodMetrics.auroc(id, ood)));
        }
        plot.setColor(Color.BLACK);
        plot.setLineWidth(1);
        if (legend.length() > 0) {
            plot.addLegend(legend.toString().strip(), "bottom-right");
        }
        return plot;
    }

    /** Histogram of one method's scores, ID and OOD overlaid on shared bins (NERO's when present, else the first). */
    public static Plot histogram(Map<String, double[]> idScores, Map<String, double[]> oodScores) {
        String method = histogramMethod(idScores);
        double[] id = idScores.get(method);
        double[] ood = oodScores.getOrDefault(method, new double[0]);
        double min = Math.min(min(id), min(ood));
        double max = Math.max(max(id), max(ood));
        // A few extreme OOD scores would squash the ID/OOD overlap into one bar: the axis ends at the larger of
        // the highest ID score and the 90th percentile of all scores; higher ones are counted in the last bar.
        double shown = Math.max(max(id), percentile(concat(id, ood), 0.90));
        String xLabel = method + " score (higher = more OOD)";
        if (shown > min && shown < max) {
            max = shown;
            xLabel += String.format(Locale.ROOT, "; last bar: all scores >= %.3g", max - (max - min)
                    / Math.max(5, Math.min(40, (int) Math.ceil(2 * Math.sqrt(id.length + ood.length)))));
        }
        Plot plot = new Plot("Score histogram: " + method, xLabel, "images");
        if (!(max > min)) {
            max = min + 1;
        }
        int bins = Math.max(5, Math.min(40, (int) Math.ceil(2 * Math.sqrt(id.length + ood.length))));
        double width = (max - min) / bins;
        double[] centers = new double[bins];
        for (int b = 0; b < bins; b++) {
            centers[b] = min + (b + 0.5) * width;
        }
        plot.setColor(new Color(30, 90, 200));
        plot.setLineWidth(2);
        plot.addPoints(centers, counts(id, min, width, bins), Plot.BAR);
        plot.setColor(new Color(200, 30, 30));
        plot.addPoints(centers, counts(ood, min, width, bins), Plot.BAR);
        plot.setColor(Color.BLACK);
        plot.setLineWidth(1);
        plot.addLegend("ID (" + id.length + ")\nOOD (" + ood.length + ")", "top-right");
        return plot;
    }

    static String histogramMethod(Map<String, double[]> idScores) {
        if (idScores.containsKey(OodMethods.NERO)) {
            return OodMethods.NERO;
        }
        return idScores.keySet().stream().findFirst()
                .orElseThrow(() -> new InvalidInputException("the evaluation has no scores to plot"));
    }

    static double[] counts(double[] values, double min, double width, int bins) {
        double[] counts = new double[bins];
        for (double v : values) {
            if (Double.isFinite(v)) {
                counts[Math.min(bins - 1, Math.max(0, (int) ((v - min) / width)))]++;
            }
        }
        return counts;
    }

    private static double percentile(double[] v, double q) {
        double[] finite = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        return finite.length == 0 ? 0 : finite[(int) Math.min(finite.length - 1, Math.floor(q * finite.length))];
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).max().orElse(0);
    }
}
