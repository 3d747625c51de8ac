package nero.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nero.core.AtomicFiles;
import nero.core.InvalidInputException;
import nero.io.source.ImageSources;

/**
 * Checks the places a job will write to before the job starts, so a wrong output path is refused in a second
 * with one clear message, and nothing is touched: an output never replaces one of the job's inputs (an image, the
 * model or its sidecar, the detector), never puts images into an input folder (they would be read next time),
 * never writes where another output of the same job writes ({@link #checkApart}), and never replaces a symbolic
 * link, a device, a pipe or a folder ({@link AtomicFiles}, which checks the same again when it writes).
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

    /** {@link #checkNotAnInput} for each file an output writes (a folder's files, by name). */
    static void checkNotAnInput(Output output, Path... inputs) {
        if (output != null && output.path() != null) {
            for (Path file : output.files()) {
                check(file, output.isFolder() ? "file of the " + output.what() : output.what(), false, inputs);
            }
        }
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
     * of one file, or a file reached through a linked folder, compare equal. The existing part is resolved as the
     * system resolves it ({@code link/..} is the link target's parent), the rest is normalised.
     */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath();
        Path existing = abs;
        Path rest = null;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs.normalize();
        }
        try {
            Path r = existing.toRealPath();
            return rest == null ? r : r.resolve(rest).normalize();
        } catch (IOException e) {
            return abs.normalize();
        }
    }

    /**
     * A note, not a refusal, when a folder of pictures is the folder holding an input image, or lies inside it: the
     * pictures are written beside the images, and a later run on that folder reads them as images. Null when apart
     * or when either path is unknown.
     */
    static String besideInputs(Path folder, String what, Path inputFolder) {
        if (folder == null || inputFolder == null || !Files.isDirectory(inputFolder)) {
            return null;
        }
        Path out = real(folder);
        Path in = real(inputFolder);
        if (!FileNames.within(out, in)) {
            return null;
        }
        return what + " " + folder.toAbsolutePath().normalize() + (FileNames.same(out, in) ? " is" : " is inside")
                + " the folder of the input image (" + inputFolder.toAbsolutePath().normalize() + "): the PNG and"
                + " TIFF views written there will be read as images by a later run on that folder";
    }

    /** One place a job writes: a file, or a folder with the names of the files the job writes into it. */
    record Output(String what, Path path, List<String> names) {
        static Output file(String what, Path file) {
            return new Output(what, file, null);
        }

        static Output folder(String what, Path folder, List<String> names) {
            return new Output(what, folder, List.copyOf(names));
        }

        boolean isFolder() {
            return names != null;
        }

        List<Path> files() {
            Path r = real(path);
            return isFolder() ? names.stream().map(r::resolve).toList() : List.of(r);
        }

        String describe() {
            return what + " " + path.toAbsolutePath().normalize();
        }
    }

    /**
     * Refuses, before any work, two outputs of one job that would write the same file (the score table named
     * {@code features.csv} inside the vectors folder, say) or where one's file is the other's folder or a folder
     * above it: one would overwrite the other, or fail after the work was done. Paths are compared as the system
     * resolves them: {@code ..}, symbolic links, and letter case where the file system ignores it. Null paths
     * are ignored.
     */
    static void checkApart(Output... outputs) {
        for (int i = 0; i < outputs.length; i++) {
            for (int j = 0; j < outputs.length; j++) {
                Output a = outputs[i];
                Output b = outputs[j];
                if (i == j || a == null || b == null || a.path() == null || b.path() == null) {
                    continue;
                }
                for (Path file : a.files()) {
                    if (j > i) {
                        for (Path other : b.files()) {
                            if (FileNames.same(file, other)) {
                                throw new InvalidInputException(a.describe() + " and " + b.describe()
                                        + " would both write " + file + ": choose another name or folder");
                            }
                        }
                    }
                    if (b.isFolder() && FileNames.within(real(b.path()), file)) {
                        throw new InvalidInputException(a.describe() + " would be written where "
                                + b.describe() + " is to be" + (FileNames.same(real(b.path()), file) ? ""
                                        : " (a folder above it)") + ": choose another name or folder");
                    }
                }
            }
        }
    }

    /** Path comparisons as the file system makes them: letter case counts only where the file system keeps it apart. */
    static final class FileNames {
        private FileNames() {
        }

        static boolean same(Path a, Path b) {
            return a.equals(b) || a.toString().equalsIgnoreCase(b.toString()) && ignoresCase(a);
        }

        /** Whether {@code inner} is {@code folder} or lies inside it. */
        static boolean within(Path inner, Path folder) {
            if (inner.startsWith(folder)) {
                return true;
            }
            Path lower = Path.of(inner.toString().toLowerCase(Locale.ROOT));
            return lower.startsWith(Path.of(folder.toString().toLowerCase(Locale.ROOT))) && ignoresCase(folder);
        }

        /**
         * Whether the file system holding {@code p} ignores letter case (macOS and Windows by default): the nearest
         * existing folder with a letter in its name is found again under that name in the other case.
         */
        static boolean ignoresCase(Path p) {
            for (Path q = p; q != null && q.getFileName() != null; q = q.getParent()) {
                if (!Files.exists(q, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String name = q.getFileName().toString();
                String swapped = swapCase(name);
                if (!swapped.equals(name)) {
                    Path other = q.resolveSibling(swapped);
                    try {
                        return Files.exists(other, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(q, other);
                    } catch (IOException e) {
                        return false;
                    }
                }
            }
            return false;
        }

        private static String swapCase(String s) {
            StringBuilder b = new StringBuilder(s.length());
            s.codePoints().forEach(c -> b.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c)
                    : Character.toUpperCase(c)));
            return b.toString();
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
