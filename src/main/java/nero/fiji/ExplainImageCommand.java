package nero.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.io.File;
import java.nio.file.Path;
import nero.app.Reports;
import nero.app.Requests;
import nero.view.ExplanationViews;
import net.imglib2.RandomAccessibleInterval;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Explains one image (a file, or the current image when {@code image_file} is empty): every view opens as a window —
 * the heatmaps with their colour bars, the relevance profile, histogram and relevance space as live plots, the score
 * parts and top neurons as tables — and the row joins the "NERO Explain" table. With an output folder the views are
 * also written there as files; without one nothing is written. A folder gives a montage of its most OOD images.
 */
@Plugin(type = Command.class, headless = true, menu = {@Menu(label = "Plugins"), @Menu(label = "NERO OOD"),
    @Menu(label = "Explain Image", weight = 3)})
public class ExplainImageCommand extends DetectorCommand {
    @Parameter(label = "Image file, or a folder for a montage of the most OOD (empty = current image)",
            required = false, persist = false)
    private File image_file;
    @Parameter(label = "Current image", required = false, persist = false)
    private ImagePlus image;
    /** For scripts: the image as an ImageJ2 Dataset or any ImgLib2 image (XY or XYC); before the current image. */
    @Parameter(label = "Image (ImageJ2 Dataset or ImgLib2, from a script)", required = false, persist = false,
            autoFill = false, visibility = ItemVisibility.INVISIBLE)
    private RandomAccessibleInterval<?> img;
    @Parameter(label = "Output folder for the view files (optional; empty = windows only)", style = "directory",
            required = false, persist = false)
    private File out_dir;
    @Parameter(label = "Montage size (folders: the N most OOD images)", min = "1", required = false,
            persist = false)
    private int top_n = Requests.Explain.DEFAULT_TOP_N;

    // Outputs are shown in this order: plots and heatmaps, then the explanation (the current image after the run),
    // then the tables, the run's own last (in front).
    @Parameter(type = ItemIO.OUTPUT, label = "Relevance profile")
    private ImagePlus relevance_profile;
    @Parameter(type = ItemIO.OUTPUT, label = "Relevance histogram")
    private ImagePlus relevance_histogram;
    @Parameter(type = ItemIO.OUTPUT, label = "Relevance space")
    private ImagePlus relevance_space;
    @Parameter(type = ItemIO.OUTPUT, label = "Relevance heatmap")
    private ImagePlus relevance_heatmap;
    @Parameter(type = ItemIO.OUTPUT, label = "Gradient × input heatmap")
    private ImagePlus gradient_heatmap;
    /** The deviation heatmap (or gradient×input without a feature map; a montage for a folder). */
    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus explanation;
    @Parameter(type = ItemIO.OUTPUT, label = "NERO Score Parts")
    private ResultsTable score_parts;
    @Parameter(type = ItemIO.OUTPUT, label = "NERO Top Neurons")
    private ResultsTable top_neurons;
    @Parameter(type = ItemIO.OUTPUT, label = ScoreTable.EXPLAIN_TITLE, attrs = @Attr(name = ImageJOutputs.APPENDS))
    private ResultsTable results;

    public ExplainImageCommand() {
        super("Explains why an image is (or is not) out of distribution: every view opens as a window (heatmaps with "
                + "their colour bars, the relevance profile against the class centroid, the relevance histogram and "
                + "space, the score parts and top neurons) and is also written to the output folder when one is given. "
                + "A folder gives a montage of its most OOD images.");
    }

    @Override
    public void run() {
        runJob(workflow -> {
            Path file = Inputs.optionalFileOrFolder(image_file, "image_file");
            ImagePlus current = file == null ? Inputs.currentImage(image, img, "image_file") : null;
            Reports.Explain report = workflow.explain(new Requests.Explain(detectorFile(), modelFile(), file, current,
                    Inputs.optionalOutput(out_dir, "out_dir"), top_n));
            results = ScoreTable.of(report);
            explanation = report.overlayImage();
            ExplanationViews views = report.views();
            if (views != null) {
                relevance_profile = views.profile();
                relevance_histogram = views.histogram();
                relevance_space = views.space();
                relevance_heatmap = views.relevanceHeatmap();
                gradient_heatmap = views.gradientHeatmap();
                score_parts = views.scoreParts();
                top_neurons = views.topNeurons();
            }
            return SummaryText.explain(report);
        });
    }
}
