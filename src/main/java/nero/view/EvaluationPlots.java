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
        return write(idScores, oodScores, Double.NaN, outDir);
    }

    /** As {@link #write(Map, Map, Path)}, the histogram with NERO's {@code threshold} drawn (NaN: none). */
    public static Pictures write(Map<String, double[]> idScores, Map<String, double[]> oodScores, double threshold,
            Path outDir) {
        ImagePlus roc = roc(idScores, oodScores).getImagePlus();
        ImagePlus histogram = histogram(idScores, oodScores, threshold).getImagePlus();
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

    /** {@link #histogram(Map, Map, double)} without a threshold line. */
    public static Plot histogram(Map<String, double[]> idScores, Map<String, double[]> oodScores) {
        return histogram(idScores, oodScores, Double.NaN);
    }

    /**
     * Histogram of one method's scores, ID and OOD overlaid on shared bins chosen from the data ({@link ScoreBins}:
     * both groups resolved; a log axis when the scores span decades), NERO's when present (else the first method),
     * with the detector's threshold as a dashed line when it is known (not NaN; NERO's).
     */
    public static Plot histogram(Map<String, double[]> idScores, Map<String, double[]> oodScores,
            double threshold) {
        String method = histogramMethod(idScores);
        double[] id = idScores.get(method);
        double[] ood = oodScores.getOrDefault(method, new double[0]);
        ScoreBins bins = ScoreBins.choose(id, ood);
        String xLabel = method + " score (higher = more OOD" + (bins.log() ? "; log scale)" : ")");
        Plot plot = new Plot("Score histogram: " + method, xLabel, "images");
        double[] centres = bins.centres();
        double[] idCounts = bins.counts(id);
        double[] oodCounts = bins.counts(ood);
        double top = Math.max(1, Math.max(Arrays.stream(idCounts).max().orElse(1),
                Arrays.stream(oodCounts).max().orElse(1)));
        double[] edges = bins.edges();
        plot.setLimits(edges[0], edges[edges.length - 1], 0, top * 1.25);
        if (bins.log()) {
            plot.setLogScaleX();
        }
        plot.setColor(new Color(30, 90, 200), new Color(30, 90, 200, 70));
        plot.setLineWidth(2);
        plot.add("bar", centres, idCounts);
        plot.setColor(new Color(200, 30, 30), new Color(200, 30, 30, 70));
        plot.add("bar", centres, oodCounts);
        String legend = "ID (" + id.length + ")\nOOD (" + ood.length + ")";
        boolean hasThreshold = Double.isFinite(threshold) && method.equals(OodMethods.NERO)
                && threshold >= edges[0] && threshold <= edges[edges.length - 1];
        if (hasThreshold) {
            plot.setColor(Color.BLACK);
            plot.setLineWidth(2);
            plot.add("line", new double[] {threshold, threshold}, new double[] {0, top * 1.1});
            plot.addText(String.format(Locale.ROOT, " threshold %.3g", threshold), threshold, top * 1.1);
            legend += "\nthreshold";
        }
        plot.setColor(Color.BLACK);
        plot.setLineWidth(1);
        plot.addLegend(legend, "top-right");
        return plot;
    }

    static String histogramMethod(Map<String, double[]> idScores) {
        if (idScores.containsKey(OodMethods.NERO)) {
            return OodMethods.NERO;
        }
        return idScores.keySet().stream().findFirst()
                .orElseThrow(() -> new InvalidInputException("the evaluation has no scores to plot"));
    }
}
