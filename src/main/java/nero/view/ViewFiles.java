package nero.view;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import java.io.IOException;
import java.nio.file.Path;
import nero.core.AtomicFiles;

/**
 * Headless writing of the views (FileSaver and ResultsTable only; IJ.saveAs needs a GUI), each file through
 * {@link AtomicFiles} so that none is half-written.
 */
public final class ViewFiles {
    private ViewFiles() {
    }

    /** PNG with the overlay burnt in. */
    public static Path png(ImagePlus image, Path file) {
        ImagePlus flat = image.getOverlay() != null ? image.flatten() : image;
        AtomicFiles.write(file, tmp -> check(new FileSaver(flat).saveAsPng(tmp.toString())));
        return file;
    }

    /** TIFF that keeps the overlay as ROIs (re-editable in ImageJ). */
    public static Path tiff(ImagePlus image, Path file) {
        AtomicFiles.write(file, tmp -> check(new FileSaver(image).saveAsTiff(tmp.toString())));
        return file;
    }

    /** CSV as ImageJ writes a table (the temporary file keeps the .csv extension ImageJ reads the format from). */
    public static Path csv(ResultsTable table, Path file) {
        AtomicFiles.write(file, tmp -> check(table.save(tmp.toString())));
        return file;
    }

    /** ImageJ's savers answer false instead of throwing. */
    private static void check(boolean saved) throws IOException {
        if (!saved) {
            throw new IOException("ImageJ could not save it");
        }
    }
}
