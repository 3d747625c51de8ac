package nero.fiji;

import java.io.File;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import nero.app.NeroWorkflow;
import nero.app.Reports;
import nero.app.Requests;
import nero.core.Precision;
import nero.core.probe.LinearProbe;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Fits a NERO detector on ID training images (one folder per class) and writes it to a file. */
@Plugin(type = Command.class, headless = true, menu = {@Menu(label = "Plugins"), @Menu(label = "NERO OOD"),
    @Menu(label = "Fit NERO Detector", weight = 1)})
public class FitDetectorCommand extends ContextCommand {
    /**
     * Shown at the top of the dialog. Being an input no macro sets, it also keeps Fiji's FilePreprocessor from
     * asking for an optional file a macro left out (it asks when the only unresolved input is one File).
     */
    @Parameter(visibility = ItemVisibility.MESSAGE, required = false, persist = false)
    private String about = "<html><p width='460'>"
            + "Fits a NERO detector on the in-distribution training images of your classifier (one folder per "
            + "class) and writes it to a file. The threshold is calibrated on the validation folder (optional) so "
            + "that the chosen share of ID images stays ID.</p>";
    @Parameter(label = "Model (TorchScript .pt or ONNX .onnx)", persist = false)
    private File model;
    @Parameter(label = "ID training folder (one folder per class)", style = "directory", persist = false)
    private File train_dir;
    @Parameter(label = "ID validation folder (threshold; optional)", style = "directory", required = false, persist = false)
    private File val_dir;
    @Parameter(label = "Target true-positive rate", min = "0.5", max = "0.999", stepSize = "0.01", persist = false)
    private double tpr = 0.95;
    @Parameter(label = "Detector file to write", style = "save", persist = false)
    private File detector;
    @Parameter(label = "Vectors folder (CSV; optional)", style = "directory", required = false, persist = false)
    private File vectors_dir;
    @Parameter(label = "k lowest-relevance neurons (0 = authors' 175)", min = "0", required = false, persist = false)
    private int k;
    @Parameter(label = "PCA components (0 = authors' floor(2D/3))", min = "0", required = false, persist = false)
    private int components;
    @Parameter(label = "Classification head", choices = {"model", "probe"}, required = false, persist = false,
            description = "model: the network's own final layer (a network trained on the ID classes); probe: a"
                    + " linear head fitted on the ID training images (an ImageNet, self-supervised or foundation"
                    + " backbone)")
    private String head = "model";
    @Parameter(label = "Precision", choices = {"model", "fp32", "bf16", "int8"}, required = false, persist = false,
            description = "the number format the model runs in, recorded in the detector (scoring uses it again):"
                    + " model = its own (fp32; int8 for an int8 model); bf16 = a TorchScript model in bfloat16 on"
                    + " CPUs with bfloat16 instructions (fp32 elsewhere); int8 = an int8-quantised model")
    private String precision = "model";

    @Parameter(type = ItemIO.OUTPUT)
    private String summary;

    @Parameter(required = false)
    private StatusService status;
    @Parameter(required = false)
    private LogService log;

    @Override
    public void run() {
        CommandGuard.run(this, log, () -> {
            Requests.Fit request = new Requests.Fit(Inputs.existingFile(model, "model"),
                    Inputs.existingFolder(train_dir, "train_dir"), Inputs.optionalFolder(val_dir, "val_dir"),
                    tpr, Inputs.output(detector, "detector"),
                    Inputs.optionalOutput(vectors_dir, "vectors_dir"), Inputs.nonNegative(k, "k"),
                    Inputs.nonNegative(components, "components"), Requests.Head.parse(head),
                    "model".equals(precision) ? null : Precision.parse(precision));
            StatusProgress progress = new StatusProgress(status, this::isCanceled);
            Reports.Fit report = new NeroWorkflow(progress).fit(request);
            progress.finish();
            summary = summary(report);
        });
    }

    static String summary(Reports.Fit r) {
        return String.format(Locale.ROOT,
                "NERO detector fitted on %d training image(s), %d class(es): %s%n"
                        + "threshold %.6g at TPR %.3f (%s)%ntraining accuracy %s%n%s%swritten to %s",
                r.trainImages(), r.classNames().size(), Inputs.abbreviated(r.classNames(), 12), r.threshold(), r.tpr(),
                r.validationImages() > 0 ? r.validationImages() + " validation image(s)" : "on the training images",
                Double.isNaN(r.trainAccuracy()) ? "n/a (the model's sidecar gives no class names)"
                        : String.format(Locale.ROOT, "%.3f", r.trainAccuracy()), probeLine(r.probe()),
                precisionLine(r.precision()), r.detectorFile()) + untrainedLine(r.classesWithoutImages()) + Inputs.skippedLine(r.skipped());
    }

    /** A warning for the model's classes no training image belongs to (empty when every class has images). */
    static String untrainedLine(List<String> classes) {
        if (classes.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "%nwarning: no training images for %d of the model's classes (%s): they have"
                + " no centroid, so their images are measured against the other classes and may be called OOD",
                classes.size(), Inputs.abbreviated(classes, 12));
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
}
