package nero.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.io.File;
import java.nio.file.Path;
import nero.app.Reports;
import nero.app.Requests;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Explains one image (a file, or the current image when {@code image_file} is empty): score parts and heatmap views. */
@Plugin(type = Command.class, headless = true, menu = {@Menu(label = "Plugins"), @Menu(label = "NERO OOD"),
    @Menu(label = "Explain Image", weight = 3)})
public class ExplainImageCommand extends DetectorCommand {
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

    public ExplainImageCommand() {
        super("Explains why an image is (or is not) out of distribution: score parts, relevance profile and "
                + "heatmaps, written to the output folder; the heatmap opens as an image. A folder gives a montage of "
                + "its most OOD images.");
    }

    @Override
    public void run() {
        runJob(workflow -> {
            Path file = Inputs.optionalFileOrFolder(image_file, "image_file");
            ImagePlus current = file == null ? Inputs.currentImage(image, "image_file") : null;
            Reports.Explain report = workflow.explain(new Requests.Explain(detectorFile(), modelFile(), file, current,
                    Inputs.output(out_dir, "out_dir"), top_n));
            results = ScoreTable.of(report);
            explanation = report.overlayImage();
            return SummaryText.explain(report);
        });
    }
}
