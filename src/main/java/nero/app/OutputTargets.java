package nero.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import nero.core.AtomicFiles;
import nero.core.InvalidInputException;
import nero.io.source.ImageSources;

/**
 * Checks the places a job will write to before the job starts, so a wrong output path is refused in a second
 * with one clear message, and nothing is touched: an output never replaces one of the job's inputs (an image, the
 * model or its sidecar, the detector), never puts images into an input folder (they would be read next time), and
 * never replaces a symbolic link, a device, a pipe or a folder ({@link AtomicFiles}, which checks the same again
 * when it writes).
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
        String why = AtomicFiles.whyNotReplaceable(target);
        if (why != null) {
            throw new InvalidInputException(what + " " + target + ": " + why + "; give the path of a plain file");
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

    /**
     * Refuses an output file that is one of the job's inputs, or that a folder walk of an input folder would read
     * (an image, DICOM or video inside it, existing or named like one). {@code inputs} are the files and folders
     * the job reads (nulls ignored); a model's sidecar is added by the caller. A table or detector file may be
     * written inside an input folder: it is never read as an image.
     */
    static void checkNotAnInput(Path output, String what, Path... inputs) {
        check(output, what, false, inputs);
    }

    private static void check(Path output, String what, boolean folderOfPictures, Path... inputs) {
        if (output == null) {
            return;
        }
        Path out = real(output);
        for (Path input : inputs) {
            if (input == null || !Files.exists(input)) {
                continue;
            }
            Path in = real(input);
            if (Files.isDirectory(in)) {
                if (out.startsWith(in) && (folderOfPictures || ImageSources.wouldBeRead(out))) {
                    throw new InvalidInputException(what + " " + output.toAbsolutePath().normalize() + " is inside the"
                            + " input folder " + input.toAbsolutePath().normalize() + ", where it would replace or"
                            + " add " + (folderOfPictures ? "pictures read as images" : "an image")
                            + " next time: choose a place outside the inputs");
                }
            } else if (out.equals(in)) {
                throw new InvalidInputException(what + " " + output.toAbsolutePath().normalize()
                        + " is also an input of this job; writing it would destroy that input: choose another name");
            }
        }
    }

    /**
     * The path with every existing part's links resolved (the real file a write would reach), so that two names
     * of one file, or a file reached through a linked folder, compare equal.
     */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        Path rest = null;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            rest = rest == null ? existing.getFileName() : existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            Path r = existing.toRealPath();
            return rest == null ? r : r.resolve(rest);
        } catch (IOException e) {
            return abs;
        }
    }

    /**
     * A folder to create or fill: not an existing file, writable when it exists, in a folder that exists; when the
     * job writes pictures into it ({@code pictures}: evaluation plots, explanations), neither an input folder nor
     * inside one, since they would be read as images next time ({@code inputs} as for {@link #checkNotAnInput}).
     */
    static void checkFolder(Path folder, String what, boolean pictures, Path... inputs) {
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
        if (!Files.exists(target) && parent != null && !Files.isWritable(parent)) {
            throw new InvalidInputException(what + " " + target + ": the folder " + parent + " is not writable");
        }
        check(target, what, pictures, inputs);
    }
}
