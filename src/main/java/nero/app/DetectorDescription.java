package nero.app;

import java.nio.file.Path;
import java.util.Locale;
import nero.core.DetectorState;
import nero.core.DetectorFile;
import nero.core.InvalidInputException;

/** A detector file in a few lines (for an About box): its model, classes, threshold and when it was fitted. */
public final class DetectorDescription {
    private DetectorDescription() {
    }

    /** The lines, or one line saying why the file cannot be described (it is gone, or no detector). */
    public static String of(Path detectorFile) {
        DetectorState s;
        try {
            s = DetectorFile.load(detectorFile);
        } catch (InvalidInputException e) {
            return "detector " + detectorFile + ": " + e.getMessage();
        }
        String model;
        try {
            model = ModelLocation.resolve(detectorFile, s.modelFileName()).toString();
        } catch (InvalidInputException e) {
            model = s.modelFileName() + " (not found next to the detector)";
        }
        return String.format(Locale.ROOT, "detector %s%nmodel %s (SHA-256 %s…)%n%d classes: %s%nthreshold %.6g at "
                + "TPR %.3f; head: %s; fitted %s", detectorFile, model, s.modelSha256().substring(0, 12),
                s.classNames().size(), String.join(", ", s.classNames().subList(0, Math.min(12,
                        s.classNames().size()))) + (s.classNames().size() > 12 ? ", …" : ""), s.threshold(), s.tpr(),
                s.probe() != null ? "linear probe" : "the model's own", s.createdAt());
    }
}
