package nero.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.io.File;
import nero.app.Reports;
import nero.app.Requests;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** ID test folder vs OOD folder: metrics per method, a ROC plot and an ID-vs-OOD histogram, saved in out_dir. */
@Plugin(type = Command.class, headless = true, menu = {@Menu(label = "Plugins"), @Menu(label = "NERO OOD"),
    @Menu(label = "Evaluate OOD Detection", weight = 4)})
public class EvaluateCommand extends DetectorCommand {
    @Parameter(label = "ID test folder", style = "directory", persist = false)
    private File id_dir;
    @Parameter(label = "OOD folder", style = "directory", persist = false)
    private File ood_dir;
    /** A macro may give any comma list of method keys; the dialog offers the usual sets (MethodChoicesTest). */
    @Parameter(label = "Methods", required = false, persist = false, choices = {"all", "nero",
        "nero,msp,energy", "nero,msp,maxlogit,energy,entropy", "nero,mahalanobis,vim,neco,knn",
        "nero,react,gradnorm,odin"},
            description = "Comma list of nero, msp, odin, energy, entropy, maxlogit, mahalanobis, vim, neco, react, "
                    + "gradnorm, knn, or all")
    private String methods = "all";
    @Parameter(label = "Output folder", style = "directory", persist = false)
    private File out_dir;

    /** The Results table; the named table also says which folders each row compared. */
    @Parameter(type = ItemIO.OUTPUT, label = MetricsTable.TITLE,
            attrs = @Attr(name = ImageJOutputs.APPENDS, value = "id_dir,ood_dir"))
    private ResultsTable metrics;
    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus roc;
    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus histogram;

    public EvaluateCommand() {
        super("Compares NERO with the other methods on an ID test folder and an OOD folder: AUROC, FPR@95TPR and "
                + "AUPR per method in the Results table, ROC curves and an ID-vs-OOD histogram as images, all saved in "
                + "the output folder.");
    }

    @Override
    public void run() {
        runJob(workflow -> {
            Reports.Evaluate report = workflow.evaluate(new Requests.Evaluate(detectorFile(), modelFile(),
                    Inputs.existingFolder(id_dir, "id_dir"), Inputs.existingFolder(ood_dir, "ood_dir"),
                    Inputs.methods(methods, "methods"), Inputs.output(out_dir, "out_dir")));
            metrics = MetricsTable.of(report.metrics());
            roc = report.roc();
            histogram = report.histogram();
            return SummaryText.evaluate(report);
        });
    }
}
