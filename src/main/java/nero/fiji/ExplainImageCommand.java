package nero.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nero.app.NeroWorkflow;
import nero.app.Reports;
import nero.app.Requests;
import nero.core.InvalidInputException;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Explains one image (a file, or the current image when {@code image_file} is empty): score parts and heatmap views. */
@Plugin(type = Command.class, headless = true, menu = {@Menu(label = "Plugins"), @Menu(label = "NERO OOD"),
    @Menu(label = "Explain Image", weight = 3)})
public class ExplainImageCommand extends ContextCommand {
    /**
     * Shown at the top of the dialog. Being an input no macro sets, it also keeps Fiji's FilePreprocessor from
     * asking for an optional file a macro left out (it asks when the only unresolved input is one File).
     */
    @Parameter(visibility = ItemVisibility.MESSAGE, required = false, persist = false)
    private String about = "<html><p width='460'>"
            + "Explains why an image is (or is not) out of distribution: score parts, relevance profile and "
            + "heatmaps, written to the output folder; the heatmap opens as an image. A folder gives a montage of "
            + "its most OOD images.</p>";
    @Parameter(label = "Detector file", persist = false)
    private File detector;
    @Parameter(label = "Model (optional; default: the detector's)", required = false, persist = false)
    private File model;
    @Parameter(label = "Image file, or a folder for a montage of the most OOD (empty = current image)",
            required = false, persist = false)
    private File image_file;
    @Parameter(label = "Current image", required = false, persist = false)
    private ImagePlus image;
    @Parameter(label = "Output folder for the views", style = "directory", persist = false)
    private File out_dir;
    @Parameter(label = "Montage size (folders: the N most OOD images)", min = "1", required = false,
            persist = false)
    private int top_n = Requests.Explain.DEFAULT_TOP_N;

    @Parameter(type = ItemIO.OUTPUT)
    private ResultsTable results;
    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus explanation;
    @Parameter(type = ItemIO.OUTPUT)
    private String summary;

    @Parameter(required = false)
    private StatusService status;
    @Parameter(required = false)
    private LogService log;

    @Override
    public void run() {
        CommandGuard.run(this, log, () -> {
            Path file = Inputs.optionalFileOrFolder(image_file, "image_file");
            ImagePlus current = file == null ? image : null;
            if (file == null && !Inputs.usable(current)) {
                throw new InvalidInputException(Inputs.noImage("image_file"));
            }
            Path outDir = Inputs.output(out_dir, "out_dir");
            Requests.Explain request = new Requests.Explain(Inputs.existingFile(detector, "detector"),
                    Inputs.optionalFile(model, "model"), file, current, outDir, top_n);
            StatusProgress progress = new StatusProgress(status, this::isCanceled);
            Reports.Explain report = new NeroWorkflow(progress).explain(request);
            progress.finish();
            results = ScoreTable.of(List.of(report.row()), List.copyOf(report.row().methodScores().keySet()));
            if (!Double.isNaN(report.validationPercentile())) {
                results.addValue("validation_percentile", report.validationPercentile());
            }
            explanation = report.overlayImage();
            summary = summary(report);
        });
    }

    static String summary(Reports.Explain report) {
        String text = report.summary() != null && !report.summary().isBlank() ? report.summary().strip()
                : String.format(Locale.ROOT, "%s: %s", report.row().id(), VerdictOverlay.label(report.row()));
        return text + String.format(Locale.ROOT, "%n%d view file(s) written", report.files().size());
    }
}
