package nero.fiji;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import nero.app.Reports;
import nero.core.InvalidInputException;

/** ImageJ views of an evaluation: the metrics table, ROC curves of every method, and NERO's ID-vs-OOD histogram. */
public final class EvaluationViews {
    private static final Color[] PALETTE = {new Color(200, 30, 30), new Color(30, 90, 200), new Color(30, 150, 60),
        new Color(230, 140, 0), new Color(130, 50, 170), new Color(0, 150, 160), new Color(120, 120, 120),
        new Color(170, 110, 60), new Color(220, 80, 160), Color.BLACK, new Color(110, 170, 30),
        new Color(90, 60, 20)};

    private EvaluationViews() {
    }

    /** One row per method: method, auroc, fpr95, aupr_in, aupr_out (fractions). */
    public static ResultsTable metricsTable(List<Reports.MethodMetrics> metrics) {
        ResultsTable table = new ResultsTable();
        table.showRowNumbers(false);
        table.setPrecision(4);
        for (Reports.MethodMetrics m : metrics) {
            table.incrementCounter();
            table.addValue("method", m.method());
            table.addValue("auroc", m.auroc());
            table.addValue("fpr95", m.fpr95());
            table.addValue("aupr_in", m.auprIn());
            table.addValue("aupr_out", m.auprOut());
        }
        return table;
    }

    /** ROC curves (OOD = positive, higher score = more OOD), one per method, with the chance diagonal. */
    public static Plot rocPlot(Reports.Evaluate report) {
        Plot plot = new Plot("ROC (OOD = positive)", "false positive rate (ID called OOD)", "true positive rate (OOD found)");
        plot.setLimits(0, 1, 0, 1);
        plot.setColor(Color.LIGHT_GRAY);
        plot.drawLine(0, 0, 1, 1);
        StringBuilder legend = new StringBuilder();
        int i = 0;
        for (Reports.MethodMetrics m : report.metrics()) {
            double[] id = report.idScores().get(m.method());
            double[] ood = report.oodScores().get(m.method());
            if (id == null || ood == null || id.length == 0 || ood.length == 0) {
                continue;
            }
            double[][] curve = rocCurve(id, ood);
            plot.setColor(PALETTE[i++ % PALETTE.length]);
            plot.setLineWidth(2);
            plot.addPoints(curve[0], curve[1], Plot.LINE);
            legend.append(String.format(java.util.Locale.ROOT, "%s (AUROC %.3f)%n", m.method(), m.auroc()));
        }
        plot.setColor(Color.BLACK);
        plot.setLineWidth(1);
        if (legend.length() > 0) {
            plot.addLegend(legend.toString().strip(), "bottom-right");
        }
        return plot;
    }

    /** (fpr, tpr) points from the lowest to the highest threshold; ties move both rates together. */
    static double[][] rocCurve(double[] idScores, double[] oodScores) {
        double[] id = Arrays.copyOf(idScores, idScores.length);
        double[] ood = Arrays.copyOf(oodScores, oodScores.length);
        Arrays.sort(id);
        Arrays.sort(ood);
        double[] all = new double[id.length + ood.length];
        System.arraycopy(id, 0, all, 0, id.length);
        System.arraycopy(ood, 0, all, id.length, ood.length);
        double[] thresholds = Arrays.stream(all).sorted().distinct().toArray();
        double[] fpr = new double[thresholds.length + 2];
        double[] tpr = new double[thresholds.length + 2];
        // Threshold t calls "OOD" when score >= t; walking t from above the maximum down to below the minimum.
        fpr[0] = 0;
        tpr[0] = 0;
        for (int k = 0; k < thresholds.length; k++) {
            double t = thresholds[thresholds.length - 1 - k];
            fpr[k + 1] = countAtLeast(id, t) / (double) id.length;
            tpr[k + 1] = countAtLeast(ood, t) / (double) ood.length;
        }
        fpr[fpr.length - 1] = 1;
        tpr[tpr.length - 1] = 1;
        return new double[][] {fpr, tpr};
    }

    private static int countAtLeast(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return sorted.length - lo;
    }

    /** Histogram of one method's scores, ID and OOD overlaid on shared bins ("nero" when present, else the first). */
    public static Plot histogramPlot(Reports.Evaluate report) {
        String method = histogramMethod(report);
        double[] id = report.idScores().getOrDefault(method, new double[0]);
        double[] ood = report.oodScores().getOrDefault(method, new double[0]);
        double min = Math.min(min(id), min(ood));
        double max = Math.max(max(id), max(ood));
        // A few extreme OOD scores would squash the ID/OOD overlap into one bar: the axis ends at the larger of
        // the highest ID score and the 90th percentile of all scores; higher ones are counted in the last bar.
        double shown = Math.max(max(id), percentile(concat(id, ood), 0.90));
        String xLabel = method + " score (higher = more OOD)";
        if (shown > min && shown < max) {
            max = shown;
            xLabel += String.format(java.util.Locale.ROOT, "; last bar: all scores >= %.3g", max - (max - min)
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

    static String histogramMethod(Reports.Evaluate report) {
        if (report.idScores().containsKey("nero")) {
            return "nero";
        }
        if (!report.metrics().isEmpty()) {
            return report.metrics().get(0).method();
        }
        return report.idScores().keySet().stream().findFirst()
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

    /** Renders a plot and writes it as PNG with FileSaver (works headless, unlike IJ.saveAs). */
    public static ImagePlus savePng(Plot plot, Path file) {
        ImagePlus image = plot.getImagePlus();
        if (!new FileSaver(image).saveAsPng(file.toString())) {
            throw new InvalidInputException("cannot write the plot " + file);
        }
        return image;
    }

    /** Writes the metrics table as CSV unless the workflow already wrote it. */
    public static void saveMetricsCsv(ResultsTable table, Path file) {
        try {
            table.saveAs(file.toString());
        } catch (java.io.IOException e) {
            throw new InvalidInputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

}
