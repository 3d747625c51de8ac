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

/**
 * Scores files, folders, DICOM objects and videos ({@code input}) or, when {@code input} is empty, the current image;
 * the current image then gets the verdict drawn as an overlay.
 */
@Plugin(type = Command.class, headless = true, menu = {@Menu(label = "Plugins"), @Menu(label = "NERO OOD"),
    @Menu(label = "Score Images", weight = 2)})
public class ScoreImagesCommand extends ContextCommand {
    /**
     * Shown at the top of the dialog. Being an input no macro sets, it also keeps Fiji's FilePreprocessor from
     * asking for an optional file a macro left out (it asks when the only unresolved input is one File).
     */
    @Parameter(visibility = ItemVisibility.MESSAGE, required = false, persist = false)
    private String about = "<html><p width='460'>"
            + "Scores the current image (leave Input empty) or files, folders, DICOM files and videos: one Results "
            + "row per image or video still with the NERO score, its parts, the verdict and the extra methods. The "
            + "current image gets its verdict drawn on it.</p>";
    @Parameter(label = "Detector file", persist = false)
    private File detector;
    @Parameter(label = "Model (optional; default: the detector's)", required = false, persist = false)
    private File model;
    @Parameter(label = "Input files or folders (':'-separated; empty = current image)", required = false, persist = false)
    private String input = "";
    @Parameter(label = "Current image", required = false, persist = false)
    private ImagePlus image;
    /** A macro may give any comma list of method keys; the dialog offers the usual sets. */
    @Parameter(label = "Extra methods beside NERO", required = false, persist = false, choices = {"none",
        "msp,energy", "msp,maxlogit,energy,entropy", "mahalanobis,vim,neco,knn", "react,gradnorm", "odin", "all"},
            description = "Comma list of msp, odin, energy, entropy, maxlogit, mahalanobis, vim, neco, react, "
                    + "gradnorm, knn, or all (slower: odin needs a backward pass)")
    private String methods = "none";
    @Parameter(label = "Save table as CSV (optional)", style = "save", required = false, persist = false)
    private File csv;
    @Parameter(label = "Vectors folder (CSV; optional)", style = "directory", required = false, persist = false)
    private File vectors_dir;
    @Parameter(label = "Video stills: every N seconds (2s), every N frames (25f) or all", required = false,
            persist = false)
    private String video_step = "1s";
    @Parameter(label = "Video timeline picture (PNG; optional, one video input)", style = "save", required = false,
            persist = false)
    private File timeline;
    @Parameter(label = "Video OOD segments table (CSV; optional, one video input)", style = "save", required = false,
            persist = false)
    private File segments;

    @Parameter(type = ItemIO.OUTPUT)
    private ResultsTable results;
    @Parameter(type = ItemIO.OUTPUT)
    private String summary;

    @Parameter(required = false)
    private StatusService status;
    @Parameter(required = false)
    private LogService log;

    @Override
    public void run() {
        CommandGuard.run(this, log, () -> {
            Path detectorFile = Inputs.existingFile(detector, "detector");
            Path modelFile = Inputs.optionalFile(model, "model");
            List<Path> inputs = Inputs.paths(input, "input");
            ImagePlus current = inputs.isEmpty() ? image : null;
            if (inputs.isEmpty() && !Inputs.usable(current)) {
                throw new InvalidInputException(Inputs.noImage("input"));
            }
            Path csvOut = Inputs.optionalOutput(csv, "csv");
            Requests.Score request = new Requests.Score(detectorFile, modelFile, inputs, current == null ? List.of() : List.of(current),
                    Inputs.methods(methods, "methods"), csvOut, Inputs.optionalOutput(vectors_dir, "vectors_dir"),
                    Inputs.videoStep(video_step, "video_step"), new Requests.Timeline(Inputs.optionalOutput(timeline,
                            "timeline"), Inputs.optionalOutput(segments, "segments"), null));
            StatusProgress progress = new StatusProgress(status, this::isCanceled);
            Reports.Score report = new NeroWorkflow(progress).score(request);
            progress.finish();
            results = ScoreTable.of(report);
            if (current != null) {
                VerdictOverlay.draw(current, report.rows());
            }
            summary = summary(report, csvOut);
        });
    }

    static String summary(Reports.Score report, Path csvOut) {
        long ood = report.rows().stream().filter(Reports.ScoreRow::ood).count();
        String text = String.format(Locale.ROOT, "scored %d image(s): %d OOD, %d ID", report.rows().size(), ood,
                report.rows().size() - ood);
        if (csvOut != null) {
            text += System.lineSeparator() + "table written to " + csvOut;
        }
        return text + Inputs.skippedLine(report.skipped());
    }
}
