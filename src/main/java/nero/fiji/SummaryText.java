package nero.fiji;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import nero.app.Reports;
import nero.core.Precision;
import nero.core.probe.LinearProbe;
import nero.io.SkippedItem;
import nero.view.EvaluationPlots;

/** The commands' summaries: what a run did, in a few lines for the Log (and the command line), skipped files last. */
final class SummaryText {
    private SummaryText() {
    }

    static String fit(Reports.Fit r) {
        return String.format(Locale.ROOT,
                "NERO detector fitted on %d training image(s), %d class(es): %s%n"
                        + "threshold %.6g at TPR %.3f (%s)%ntraining accuracy %s%n%s%swritten to %s",
                r.trainImages(), r.classNames().size(), abbreviated(r.classNames(), 12), r.threshold(), r.tpr(),
                r.validationImages() > 0 ? r.validationImages() + " validation image(s)" : "on the training images",
                Double.isNaN(r.trainAccuracy()) ? "n/a (the model's sidecar gives no class names)"
                        : String.format(Locale.ROOT, "%.3f", r.trainAccuracy()), probeLine(r.probe()),
                precisionLine(r.precision()), r.detectorFile()) + untrainedLine(r.classesWithoutImages()) + skippedLine(r.skipped());
    }

    static String score(Reports.Score report) {
        long ood = report.rows().stream().filter(Reports.ScoreRow::ood).count();
        String text = String.format(Locale.ROOT, "scored %d image(s): %d OOD, %d ID", report.rows().size(), ood,
                report.rows().size() - ood);
        if (report.csvFile() != null) {
            text += System.lineSeparator() + "table written to " + report.csvFile();
        }
        return text + skippedLine(report.skipped());
    }

    static String explain(Reports.Explain report) {
        String text = report.summary() != null && !report.summary().isBlank() ? report.summary().strip()
                : String.format(Locale.ROOT, "%s: %s", report.row().id(), VerdictOverlay.label(report.row()));
        return text + (report.files().isEmpty() ? "" : String.format(Locale.ROOT, "%n%d view file(s) written",
                report.files().size()));
    }

    static String evaluate(Reports.Evaluate report) {
        StringBuilder text = new StringBuilder("method        AUROC   FPR@95TPR  AUPR-IN  AUPR-OUT");
        for (Reports.MethodMetrics m : report.metrics()) {
            text.append(String.format(Locale.ROOT, "%n%-12s  %.4f  %.4f     %.4f   %.4f", m.method(), m.auroc(),
                    m.fpr95(), m.auprIn(), m.auprOut()));
        }
        text.append(String.format(Locale.ROOT, "%nwritten to %s (%s, %s, %s)", report.outDir(),
                Reports.Evaluate.METRICS_CSV, EvaluationPlots.ROC_PNG, EvaluationPlots.HISTOGRAM_PNG));
        return text + skippedLine(report.skipped());
    }

    /** A warning for the model's classes no training image belongs to (empty when every class has images). */
    static String untrainedLine(List<String> classes) {
        if (classes.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "%nwarning: no training images for %d of the model's classes (%s): they have"
                + " no centroid, so their images are measured against the other classes and may be called OOD",
                classes.size(), abbreviated(classes, 12));
    }

    /** The precision's line of the summary (empty for fp32, the usual case). */
    static String precisionLine(Precision p) {
        return p == null || p == Precision.FP32 ? "" : String.format(Locale.ROOT, "precision: %s (the model runs in "
                + "%s whenever this detector scores)%n", p.key(), p.key());
    }

    /** The probe's line of the summary (empty for the model's own head). */
    static String probeLine(LinearProbe p) {
        if (p == null) {
            return "";
        }
        String c = new BigDecimal(p.c()).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        return String.format(Locale.ROOT, "head: linear probe, C = %s, held-out accuracy %.3f (%d training image(s)"
                + " held out to choose C)%s%n", c, p.heldOutAccuracy(), p.heldOutCount(),
                p.converged() ? "" : "; the optimiser stopped before full convergence");
    }

    /** "a, b, c" or, past {@code max} names, "a, b, …, (1000 in all)". */
    static String abbreviated(List<String> names, int max) {
        if (names.size() <= max) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, max)) + ", … (" + names.size() + " in all)";
    }

    /** The skip list on lines of its own below a summary, or nothing. */
    static String skippedLine(List<SkippedItem> skipped) {
        return skipped.isEmpty() ? "" : System.lineSeparator() + SkippedItem.listing(skipped);
    }
}
