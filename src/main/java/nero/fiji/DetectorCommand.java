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

    protected DetectorCommand(String about) {
        super(about);
    }

    /** The detector file, checked to exist (macro key {@code detector}). */
    protected final Path detectorFile() {
        return Inputs.existingFile(detector, "detector");
    }

    /** The model given instead of the detector's, or null (macro key {@code model}). */
    protected final Path modelFile() {
        return Inputs.optionalFile(model, "model");
    }
}
