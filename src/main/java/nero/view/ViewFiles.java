package nero.view;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nero.core.InvalidInputException;

/** Headless writing of the views (FileSaver and ResultsTable only; IJ.saveAs needs a GUI). */
public final class ViewFiles {
    private ViewFiles() {
    }

    /** PNG with the overlay burnt in. */
    public static Path png(ImagePlus image, Path file) {
        ImagePlus flat = image.getOverlay() != null ? image.flatten() : image;
        prepare(file);
        if (!new FileSaver(flat).saveAsPng(file.toString())) {
            throw new InvalidInputException("cannot write " + file);
        }
        return file;
    }

    /** TIFF that keeps the overlay as ROIs (re-editable in ImageJ). */
    public static Path tiff(ImagePlus image, Path file) {
        prepare(file);
        if (!new FileSaver(image).saveAsTiff(file.toString())) {
            throw new InvalidInputException("cannot write " + file);
        }
        return file;
    }

    public static Path csv(ResultsTable table, Path file) {
        prepare(file);
        if (!table.save(file.toString())) {
            throw new InvalidInputException("cannot write " + file);
        }
        return file;
    }

    private static void prepare(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
    }
}
