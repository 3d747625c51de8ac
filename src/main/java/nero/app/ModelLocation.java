package nero.app;

import java.nio.file.Files;
import java.nio.file.Path;
import nero.core.InvalidInputException;

/**
 * How a detector file refers to its model: by a path relative to the detector's folder when the two share a
 * root (so a folder holding both can be moved), else by the absolute path. The SHA-256 check makes either safe.
 */
final class ModelLocation {
    private ModelLocation() {
    }

    static String reference(Path model, Path detectorFile) {
        Path m = model.toAbsolutePath().normalize();
        Path dir = detectorFile.toAbsolutePath().normalize().getParent();
        try {
            return dir.relativize(m).toString();
        } catch (IllegalArgumentException e) {
            return m.toString();
        }
    }

    static Path resolve(Path detectorFile, String reference) {
        Path dir = detectorFile.toAbsolutePath().normalize().getParent();
        Path recorded = Path.of(reference);
        Path[] candidates = {dir.resolve(recorded).normalize(), recorded, dir.resolve(recorded.getFileName())};
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new InvalidInputException("the model " + reference + " recorded in detector " + detectorFile
                + " was not found; give the model file explicitly (--model, or the model field)");
    }
}
