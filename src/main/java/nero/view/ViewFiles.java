package nero.view;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import nero.core.AtomicFiles;
import nero.io.table.CsvTables;

/**
 * Headless writing of the views (ImageIO's PNG encoder, ImageJ's TIFF encoder; {@link CsvTables} for tables), each
 * file through {@link AtomicFiles}, whose checked stream sees every write error, so that none is half-written.
 */
public final class ViewFiles {
    private ViewFiles() {
    }

    /** PNG with the overlay burnt in. */
    public static Path png(ImagePlus image, Path file) {
        BufferedImage picture = pngPicture(image);
        AtomicFiles.write(file, out -> writePng(picture, out));
        return file;
    }

    /** TIFF that keeps the overlay as ROIs (re-editable in ImageJ). */
    public static Path tiff(ImagePlus image, Path file) {
        byte[] tiff = new FileSaver(image).serialize(); // ImageJ's TIFF encoder, as saveAsTiff, into memory
        if (tiff == null) {
            throw new IllegalArgumentException("a virtual stack cannot be saved as one TIFF: " + image.getTitle());
        }
        AtomicFiles.write(file, out -> out.write(tiff));
        return file;
    }

    /**
     * What ImageJ's PNG writer encodes: the image with its overlay flattened (RGB), or the image as ImageJ renders it
     * (8-bit with its colour table, RGB; other types as shown, 8-bit).
     */
    private static BufferedImage pngPicture(ImagePlus image) {
        return (image.getOverlay() != null ? image.flatten() : image).getBufferedImage();
    }

    /**
     * ImageIO's PNG encoder straight into the stream: ImageJ's {@code FileSaver.saveAsPng} reports a failed write
     * in a dialog (on stderr when headless) and still answers true, which left cut PNGs behind on a full disk.
     */
    static void writePng(BufferedImage picture, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(picture);
        } finally {
            writer.dispose();
        }
    }

    /**
     * A table as CSV through the one CSV writer ({@link CsvTables}: quoting, formulas defused), each cell as ImageJ
     * shows it (its number format and decimal places); ImageJ's own {@code save} neither quotes a '"' in a file name
     * nor defuses a class called {@code =HYPERLINK(…)}.
     */
    public static Path csv(ResultsTable table, Path file) {
        List<String> header = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c <= table.getLastColumn(); c++) {
            if (table.columnExists(c)) {
                header.add(table.getColumnHeading(c));
                columns.add(c);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            int row = r;
            rows.add(columns.stream().map(c -> table.getStringValue(c, row)).toList());
        }
        CsvTables.write(file, header, rows);
        return file;
    }
}
