package nero.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nero.core.InvalidInputException;

/**
 * Checks the places a job will write to before the job starts, so a wrong output path is refused in a second
 * with one clear message instead of after minutes of work (or as an internal error when the final rename fails).
 */
final class OutputTargets {
    private OutputTargets() {
    }

    /** A file to create or replace: not a folder, in a folder that exists and can be written. */
    static void checkFile(Path file, String what) {
        if (file == null) {
            return;
        }
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new InvalidInputException(what + " " + target + " is a folder; give a file name");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new InvalidInputException(what + " " + target + " exists and cannot be overwritten (permissions)");
        }
        Path parent = target.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new InvalidInputException(what + " " + target + ": the folder " + parent + " does not exist");
        }
        if (parent != null && !Files.isWritable(parent)) {
            throw new InvalidInputException(what + " " + target + ": the folder " + parent + " is not writable");
        }
    }

    /** Refuses an output that is one of the job's own input files (the model, the detector, an image). */
    static void checkNotAnInput(Path output, String what, Path... inputs) {
        if (output == null || !Files.exists(output)) {
            return;
        }
        for (Path input : inputs) {
            if (input != null && Files.isRegularFile(input) && sameFile(output, input)) {
                throw new InvalidInputException(what + " " + output.toAbsolutePath().normalize()
                        + " is also an input of this job; writing it would destroy that input: choose another name");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** A folder to create or fill: not an existing file, writable when it exists, in a folder that exists. */
    static void checkFolder(Path folder, String what) {
        if (folder == null) {
            return;
        }
        Path target = folder.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new InvalidInputException(what + " " + target + " is a file, not a folder");
        }
        Path parent = target.getParent();
        if (!Files.exists(target) && parent != null && !Files.isDirectory(parent)) {
            throw new InvalidInputException(what + " " + target + ": the folder " + parent + " does not exist");
        }
        if (Files.isDirectory(target) && !Files.isWritable(target)) {
            throw new InvalidInputException(what + " " + target + " is not writable");
        }
    }
}
