package nero.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import nero.app.NeroWorkflow;
import nero.app.Reports;
import nero.app.Requests;
import nero.view.EvaluationPlots;
import nero.view.ViewFiles;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** ID test folder vs OOD folder: metrics per method, a ROC plot and an ID-vs-OOD histogram, saved in out_dir. */
@Plugin(type = Command.class, headless = true, menu = {@Menu(label = "Plugins"), @Menu(label = "NERO OOD"),
    @Menu(label = "Evaluate OOD Detection", weight = 4)})
public class EvaluateCommand extends ContextCommand {
    static final String METRICS_CSV = "metrics.csv";
    static final String ROC_PNG = "roc.png";
    static final String HISTOGRAM_PNG = "histogram.png";

    /**
     * Shown at the top of the dialog. Being an input no macro sets, it also keeps Fiji's FilePreprocessor from
     * asking for an optional file a macro left out (it asks when the only unresolved input is one File).
     */
    @Parameter(visibility = ItemVisibility.MESSAGE, required = false, persist = false)
    private String about = "<html><p width='460'>"
            + "Compares NERO with the other methods on an ID test folder and an OOD folder: AUROC, FPR@95TPR and "
            + "AUPR per method in the Results table, ROC curves and an ID-vs-OOD histogram as images, all saved in "
            + "the output folder.</p>";
    @Parameter(label = "Detector file", persist = false)
    private File detector;
    @Parameter(label = "Model (optional; default: the detector's)", required = false, persist = false)
    private File model;
    @Parameter(label = "ID test folder", style = "directory", persist = false)
    private File id_dir;
    @Parameter(label = "OOD folder", style = "directory", persist = false)
    private File ood_dir;
    /** A macro may give any comma list of method keys; the dialog offers the usual sets. */
    @Parameter(label = "Methods", required = false, persist = false, choices = {"all", "nero",
        "nero,msp,energy", "nero,msp,maxlogit,energy,entropy", "nero,mahalanobis,vim,neco,knn"},
            description = "Comma list of nero, msp, odin, energy, entropy, maxlogit, mahalanobis, vim, neco, react, "
                    + "gradnorm, knn, or all")
    private String methods = "all";
    @Parameter(label = "Output folder", style = "directory", persist = false)
    private File out_dir;

    @Parameter(type = ItemIO.OUTPUT)
    private ResultsTable metrics;
    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus roc;
    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus histogram;
    @Parameter(type = ItemIO.OUTPUT)
    private String summary;

    @Parameter(required = false)
    private StatusService status;
    @Parameter(required = false)
    private LogService log;

    @Override
    public void run() {
        CommandGuard.run(this, log, () -> {
            Path outDir = Inputs.output(out_dir, "out_dir");
            Requests.Evaluate request = new Requests.Evaluate(Inputs.existingFile(detector, "detector"),
                    Inputs.optionalFile(model, "model"), Inputs.existingFolder(id_dir, "id_dir"),
                    Inputs.existingFolder(ood_dir, "ood_dir"), Inputs.methods(methods, "methods"), outDir);
            StatusProgress progress = new StatusProgress(status, this::isCanceled);
            Reports.Evaluate report = new NeroWorkflow(progress).evaluate(request);
            progress.finish();
            metrics = MetricsTable.of(report.metrics());
            roc = EvaluationPlots.roc(report.idScores(), report.oodScores()).getImagePlus();
            ViewFiles.png(roc, outDir.resolve(ROC_PNG));
            histogram = EvaluationPlots.histogram(report.idScores(), report.oodScores()).getImagePlus();
            ViewFiles.png(histogram, outDir.resolve(HISTOGRAM_PNG));
            summary = summary(report, outDir);
        });
    }

    static String summary(Reports.Evaluate report, Path outDir) {
        StringBuilder text = new StringBuilder("method        AUROC   FPR@95TPR  AUPR-IN  AUPR-OUT");
        for (Reports.MethodMetrics m : report.metrics()) {
            text.append(String.format(Locale.ROOT, "%n%-12s  %.4f  %.4f     %.4f   %.4f", m.method(), m.auroc(),
                    m.fpr95(), m.auprIn(), m.auprOut()));
        }
        text.append(String.format(Locale.ROOT, "%nwritten to %s (%s, %s, %s)", outDir, METRICS_CSV, ROC_PNG,
                HISTOGRAM_PNG));
        return text + Inputs.skippedLine(report.skipped());
    }
}
