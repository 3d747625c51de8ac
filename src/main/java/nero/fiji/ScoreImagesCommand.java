package nero.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import nero.app.Reports;
import nero.app.Requests;
import nero.app.live.VideoTimeline;
import nero.core.timeline.SegmentRules;
import net.imglib2.RandomAccessibleInterval;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Scores files, folders, DICOM objects and videos ({@code input}) or, when {@code input} is empty, the current image;
 * the current image then gets the verdict drawn as an overlay. A stack or hyperstack is scored picture by picture
 * (one row and one overlay per (z, t) position) and its timeline opens as an image.
 */
@Plugin(type = Command.class, headless = true, menu = {@Menu(label = "Plugins"), @Menu(label = "NERO OOD"),
    @Menu(label = "Score Images", weight = 2)})
public class ScoreImagesCommand extends DetectorCommand {
    @Parameter(label = "Input files or folders (':'-separated; empty = current image)", required = false, persist = false)
    private String input = "";
    @Parameter(label = "Current image", required = false, persist = false)
    private ImagePlus image;
    /** For scripts: the image as an ImageJ2 Dataset or any ImgLib2 image (XY or XYC); before the current image. */
    @Parameter(label = "Image (ImageJ2 Dataset or ImgLib2, from a script)", required = false, persist = false,
            autoFill = false, visibility = ItemVisibility.INVISIBLE)
    private RandomAccessibleInterval<?> img;
    /** A macro may give any comma list of method keys; the dialog offers the usual sets (MethodChoicesTest). */
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
    @Parameter(label = "Timeline picture (PNG; optional: one video input, or the current stack)", style = "save",
            required = false, persist = false)
    private File timeline;
    @Parameter(label = "OOD segments table (CSV; optional: one video input, or the current stack)", style = "save",
            required = false, persist = false)
    private File segments;

    @Parameter(type = ItemIO.OUTPUT, label = ScoreTable.TITLE, attrs = @Attr(name = ImageJOutputs.APPENDS))
    private ResultsTable results;
    /** The timeline of a scored stack (score over the slices, threshold, OOD segments), shown as an image. */
    @Parameter(type = ItemIO.OUTPUT, label = "Timeline")
    private ImagePlus timeline_view;
    /** The rows themselves, for a script or the command line (which prints them as the score CSV). */
    @Parameter(type = ItemIO.OUTPUT)
    private Reports.Score report;

    /** Paths given as a list (the command line's, exactly as typed) instead of as {@code input} text; or null. */
    private List<Path> inputPaths;

    public ScoreImagesCommand() {
        super("Scores the current image (leave Input empty) or files, folders, DICOM files and videos: one Results "
                + "row per image or video still with the NERO score, its parts, the verdict and the extra methods. The "
                + "current image gets its verdict drawn on it; a stack gets one row and one verdict per slice, and its "
                + "timeline.");
    }

    /** Gives the inputs as a list of paths, each taken exactly as it is (no splitting of {@code input} text). */
    public void setInputPaths(List<Path> paths) {
        inputPaths = List.copyOf(paths);
    }

    @Override
    public void run() {
        runJob(workflow -> {
            Path detectorFile = detectorFile();
            Path modelFile = modelFile();
            List<Path> files = inputPaths != null ? Inputs.existing(inputPaths, "input") : Inputs.paths(input, "input");
            List<ImagePlus> open = files.isEmpty() ? List.of(Inputs.currentImage(image, img, "input")) : List.of();
            report = workflow.score(new Requests.Score(detectorFile, modelFile, files, open,
                    Inputs.methods(methods, "methods"), Inputs.optionalOutput(csv, "csv"),
                    Inputs.optionalOutput(vectors_dir, "vectors_dir"), Inputs.videoStep(video_step, "video_step"),
                    new Requests.Timeline(Inputs.optionalOutput(timeline, "timeline"),
                            Inputs.optionalOutput(segments, "segments"), null)));
            results = ScoreTable.of(report);
            open.forEach(current -> VerdictOverlay.draw(current, report.rows()));
            if (open.size() == 1 && open.get(0).getNSlices() * open.get(0).getNFrames() > 1) {
                timeline_view = VideoTimeline.draw(open.get(0), report.rows(), SegmentRules.defaults(), null);
            }
            return SummaryText.score(report);
        });
    }
}
