package nero.fiji;

import ij.ImagePlus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import nero.core.InvalidInputException;
import nero.core.methods.OodMethods;
import nero.io.image.ImgLib2Images;
import nero.io.video.FrameSampling;
import net.imglib2.RandomAccessibleInterval;
import org.scijava.Named;

/** Checks of the commands' inputs, each failing with one message that names the macro key and the path. */
final class Inputs {
    private Inputs() {
    }

    static Path existingFile(File file, String key) {
        if (file == null || file.getPath().isBlank()) {
            throw new InvalidInputException(key + " is required");
        }
        Path path = file.toPath().toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(key + ": no such file " + path);
        }
        return path;
    }

    static Path optionalFile(File file, String key) {
        return file == null || file.getPath().isBlank() ? null : existingFile(file, key);
    }

    /** "2s" / "0.5s" (seconds between stills), "25f" (every 25th frame), "all" (every frame); empty = 1 s. */
    static FrameSampling videoStep(String text, String key) {
        return FrameSampling.parse(text, key);
    }

    /** The dialog's choice for "no method beside NERO". */
    static final String NO_METHOD = "none";

    /** The {@code methods} text (comma list or all) as registry keys; an unknown key names the macro key. */
    static List<String> methods(String text, String key) {
        if (text != null && text.trim().equalsIgnoreCase(NO_METHOD)) {
            return List.of();
        }
        try {
            return OodMethods.parse(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(key + ": " + e.getMessage(), e);
        }
    }

    static int nonNegative(int value, String key) {
        if (value < 0) {
            throw new InvalidInputException(key + " must be 0 (the default) or positive, got " + value);
        }
        return value;
    }

    static Path optionalFileOrFolder(File file, String key) {
        if (file == null || file.getPath().isBlank()) {
            return null;
        }
        Path path = file.toPath().toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new InvalidInputException(key + ": no such file or folder " + path);
        }
        return path;
    }

    static Path existingFolder(File folder, String key) {
        if (folder == null || folder.getPath().isBlank()) {
            throw new InvalidInputException(key + " is required");
        }
        Path path = folder.toPath().toAbsolutePath().normalize();
        if (Files.isRegularFile(path)) {
            throw new InvalidInputException(key + ": " + path + " is a file; give the folder that holds the images");
        }
        if (!Files.isDirectory(path)) {
            throw new InvalidInputException(key + ": no such folder " + path);
        }
        return path;
    }

    static Path optionalFolder(File folder, String key) {
        return folder == null || folder.getPath().isBlank() ? null : existingFolder(folder, key);
    }

    /** A file or folder to write (the workflow checks where it goes before the job starts). */
    static Path output(File file, String key) {
        if (file == null || file.getPath().isBlank()) {
            throw new InvalidInputException(key + " is required");
        }
        return file.toPath().toAbsolutePath().normalize();
    }

    static Path optionalOutput(File file, String key) {
        return file == null || file.getPath().isBlank() ? null : output(file, key);
    }

    /**
     * Several inputs in one field: one per line, or separated by the platform's path separator (':' on Linux, handy
     * in macros). A line that names an existing file or folder is taken whole (first as typed, then trimmed), so
     * paths that contain ':' or end in spaces still work.
     */
    static List<Path> paths(String input, String key) {
        List<Path> paths = new ArrayList<>();
        if (input == null) {
            return paths;
        }
        for (String line : input.split("\\R")) {
            if (!line.isBlank() && Files.exists(Path.of(line))) { // as typed, trailing spaces included
                paths.add(Path.of(line).toAbsolutePath().normalize());
                continue;
            }
            String whole = line.trim();
            if (whole.isEmpty()) {
                continue;
            }
            if (Files.exists(Path.of(whole))) {
                paths.add(Path.of(whole).toAbsolutePath().normalize());
                continue;
            }
            for (String part : whole.split(Pattern.quote(File.pathSeparator))) {
                String trimmed = part.trim();
                if (!trimmed.isEmpty()) {
                    paths.add(existing(Path.of(trimmed), key));
                }
            }
        }
        return paths;
    }

    /** Paths given one by one (the command line's), each exactly as it is. */
    static List<Path> existing(List<Path> given, String key) {
        return given.stream().map(p -> existing(p, key)).toList();
    }

    private static Path existing(Path given, String key) {
        Path path = given.toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new InvalidInputException(key + ": no such file or folder " + path);
        }
        return path;
    }

    /**
     * The image a script gave as an ImgLib2 image ({@code img}: a Dataset, an ImgPlus, any RandomAccessibleInterval),
     * as the ImageJ image with the same values; else the current image.
     */
    static ImagePlus currentImage(ImagePlus image, RandomAccessibleInterval<?> img, String key) {
        if (img != null) {
            String title = img instanceof Named named && named.getName() != null ? named.getName() : "img";
            return ImgLib2Images.toImagePlus(img, title);
        }
        return currentImage(image, key);
    }

    /** The current image, used when {@code key} names no file; refused when there is none (or it has no pixels). */
    static ImagePlus currentImage(ImagePlus image, String key) {
        if (image == null || image.getProcessor() == null) {
            throw new InvalidInputException("no image to score: give " + key + " or open an image");
        }
        return image;
    }
}
