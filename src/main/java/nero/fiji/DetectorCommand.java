package nero.fiji;

import java.io.File;
import java.nio.file.Path;
import org.scijava.plugin.Parameter;

/** A command that works with a fitted detector (score, explain, evaluate): the detector file and, optionally, its model. */
public abstract class DetectorCommand extends NeroCommand {
    @Parameter(label = "Detector file", persist = false)
    private File detector;
    @Parameter(label = "Model (optional; default: the detector's)", required = false, persist = false)
    private File model;

    /** The detector of the last run in this session (for the About box), or null. */
    private static volatile Path lastUsed;

    protected DetectorCommand(String about) {
        super(about);
    }

    /** The detector file, checked to exist (macro key {@code detector}). */
    protected final Path detectorFile() {
        Path file = Inputs.existingFile(detector, "detector");
        used(file);
        return file;
    }

    static void used(Path detectorFile) {
        lastUsed = detectorFile;
    }

    static Path lastUsed() {
        return lastUsed;
    }

    /** The model given instead of the detector's, or null (macro key {@code model}). */
    protected final Path modelFile() {
        return Inputs.optionalFile(model, "model");
    }
}
