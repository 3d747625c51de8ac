package nero.view;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.core.AtomicFiles;
import nero.io.table.CsvTables;

/**
 * Headless writing of the views (FileSaver for pictures, IJ.saveAs needs a GUI; {@link CsvTables} for tables),
 * each file through {@link AtomicFiles} so that none is half-written.
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

    /** ImageJ's savers answer false instead of throwing. */
    private static void check(boolean saved) throws IOException {
        if (!saved) {
            throw new IOException("ImageJ could not save it");
        }
    }
}
