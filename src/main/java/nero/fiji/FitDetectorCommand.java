package nero.fiji;

import java.io.File;
import nero.app.Reports;
import nero.app.Requests;
import nero.core.Precision;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Fits a NERO detector on ID training images (one folder per class) and writes it to a file. */
@Plugin(type = Command.class, headless = true, menu = {@Menu(label = "Plugins"), @Menu(label = "NERO OOD"),
    @Menu(label = "Fit NERO Detector", weight = 1)})
public class FitDetectorCommand extends NeroCommand {
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

    public FitDetectorCommand() {
        super("Fits a NERO detector on the in-distribution training images of your classifier (one folder per "
                + "class) and writes it to a file. The threshold is calibrated on the validation folder (optional) so "
                + "that the chosen share of ID images stays ID.");
    }

    @Override
    public void run() {
        runJob(workflow -> {
            Reports.Fit report = workflow.fit(new Requests.Fit(Inputs.existingFile(model, "model"),
                    Inputs.existingFolder(train_dir, "train_dir"), Inputs.optionalFolder(val_dir, "val_dir"), tpr,
                    Inputs.output(detector, "detector"), Inputs.optionalOutput(vectors_dir, "vectors_dir"),
                    Inputs.nonNegative(k, "k"), Inputs.nonNegative(components, "components"),
                    Requests.Head.parse(head), "model".equals(precision) ? null : Precision.parse(precision)));
            DetectorCommand.used(report.detectorFile());
            return SummaryText.fit(report);
        });
    }
}
