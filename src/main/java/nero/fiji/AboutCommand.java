package nero.fiji;

import ij.IJ;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import nero.app.DetectorDescription;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.prefs.PrefService;
import org.scijava.util.POM;

/**
 * What this plugin is: its version, the paper it implements, its licence, where its documentation is, and the
 * detector (with its model) last used. A message box in Fiji's window; the Log headless.
 */
@Plugin(type = Command.class, headless = true, menu = {@Menu(label = "Plugins"), @Menu(label = "NERO OOD"),
    @Menu(label = "About NERO", weight = 10)})
public class AboutCommand extends ContextCommand {
    static final String TITLE = "About NERO for Fiji";
    static final String CITATION = "Chhetri A., Korhonen J., Gyawali P., Bhattarai B. NERO: Explainable "
            + "Out-of-Distribution Detection with Neuron-level Relevance. MICCAI 2025, arXiv:2506.15404";

    @Parameter(required = false)
    private PrefService prefs;

    @Override
    public void run() {
        String text = text(version(), lastDetector());
        if (IJ.getInstance() != null && !GraphicsEnvironment.isHeadless()) {
            IJ.showMessage(TITLE, text);
        } else {
            IJ.log(text);
        }
    }

    static String text(String version, Path detector) {
        String nl = System.lineSeparator();
        return "NERO for Fiji " + version + ": explainable out-of-distribution detection with neuron-level relevance"
                + nl + nl + "Method: " + CITATION + nl + "Licence: BSD 2-Clause; the libraries it brings keep their own"
                + " (PyTorch BSD-3, FFmpeg LGPL-2.1+, DJL Apache-2.0, …)" + nl + "Documentation: " + NeroCommand.DOCS
                + nl + nl + (detector == null ? "Detector in use: none yet (choose one in a NERO dialog)"
                        : "Detector in use:" + nl + DetectorDescription.of(detector));
    }

    /** The plugin's version, from its jar's Maven descriptor. */
    static String version() {
        try {
            POM pom = POM.getPOM(AboutCommand.class);
            return pom == null || pom.getVersion() == null ? "(version unknown)" : pom.getVersion();
        } catch (RuntimeException e) {
            return "(version unknown)";
        }
    }

    /** The detector of the last NERO run in this session, else the one last chosen in a NERO dialog; or null. */
    private Path lastDetector() {
        Path used = DetectorCommand.lastUsed();
        if (used != null) {
            return used;
        }
        String remembered = prefs == null ? null : prefs.get(RememberedSettings.class, "detector");
        return remembered == null || remembered.isBlank() ? null : Path.of(remembered);
    }
}
