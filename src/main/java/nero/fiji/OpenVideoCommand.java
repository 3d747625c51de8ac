package nero.fiji;

import ij.ImagePlus;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import nero.io.video.VideoStack;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Opens a video file as a virtual stack through the plugin's FFmpeg reader ({@link VideoStack}): one slice per
 * picture, labelled with its frame number and time, decoded when shown or scored. Score Images then scores it slice
 * by slice, with the same pixels as scoring the file.
 */
@Plugin(type = Command.class, headless = true, menu = {@Menu(label = "Plugins"), @Menu(label = "NERO OOD"),
    @Menu(label = "Open Video (FFmpeg)...", weight = 6)})
public class OpenVideoCommand extends NeroCommand {
    @Parameter(label = "Video file", style = "open", persist = false)
    private File video;

    @Parameter(type = ItemIO.OUTPUT, label = "Video")
    private ImagePlus stack;

    public OpenVideoCommand() {
        super("Opens a video file (any container and codec FFmpeg reads) as a virtual stack: one slice per picture, "
                + "labelled with its frame number and time, decoded when it is shown or scored. Score Images on it "
                + "gives one row per picture and its timeline.");
    }

    @Override
    public void run() {
        runJob(workflow -> {
            Path file = Inputs.existingFile(video, "video");
            VideoStack frames = VideoStack.open(file);
            stack = frames.toImagePlus();
            return String.format(Locale.ROOT, "opened %s as a virtual stack: %d pictures of %d×%d%s, decoded on "
                    + "demand", file, frames.getSize(), frames.getWidth(), frames.getHeight(),
                    stack.getCalibration().fps > 0 ? " at " + new java.math.BigDecimal(String.format(Locale.ROOT,
                            "%.3f", stack.getCalibration().fps)).stripTrailingZeros().toPlainString() + " frames/s"
                            : "");
        });
    }
}
