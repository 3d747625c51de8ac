package nero.fiji;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import nero.app.Reports;

/** Draws a score row on an image: the verdict and NERO score as text, and a coloured frame when it is OOD. */
public final class VerdictOverlay {
    public static final Color OOD_COLOR = new Color(230, 40, 40);
    public static final Color ID_COLOR = new Color(40, 200, 80);

    private VerdictOverlay() {
    }

    /** One row for a single image, or one row per slice of a stack (each drawn on its own slice). */
    public static void draw(ImagePlus image, List<Reports.ScoreRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Overlay overlay = new Overlay();
        boolean perSlice = image.getStackSize() > 1 && rows.size() == image.getStackSize();
        int count = perSlice ? rows.size() : 1;
        for (int i = 0; i < count; i++) {
            addRow(overlay, image, rows.get(i), perSlice ? i + 1 : 0);
        }
        image.setOverlay(overlay);
    }

    static void addRow(Overlay overlay, ImagePlus image, Reports.ScoreRow row, int slice) {
        int width = image.getWidth();
        int height = image.getHeight();
        Color color = row.ood() ? OOD_COLOR : ID_COLOR;
        if (row.ood()) {
            int stroke = Math.max(2, Math.min(width, height) / 40);
            Roi frame = new Roi(stroke / 2.0, stroke / 2.0, width - stroke, height - stroke);
            frame.setStrokeColor(color);
            frame.setStrokeWidth(stroke);
            frame.setPosition(slice);
            overlay.add(frame);
        }
        // Two short lines fit even a 128-pixel image: the verdict, then the score against the threshold.
        int fontSize = Math.max(8, Math.min(32, width / 12));
        int margin = Math.max(2, Math.min(width, height) / 40) + 2;
        String[] lines = label(row).split("  ", 2);
        TextRoi text = new TextRoi(lines[0] + "\n" + lines[1], margin + fontSize * 0.3, margin + fontSize * 0.3,
                new Font("SansSerif", Font.BOLD, fontSize));
        text.setStrokeColor(color);
        text.setFillColor(new Color(0, 0, 0, 150));
        text.setPosition(slice);
        overlay.add(text);
    }

    /** "OOD  NERO 3.21 > 2.80" — the verdict and how the score compares with the threshold. */
    public static String label(Reports.ScoreRow row) {
        return String.format(Locale.ROOT, "%s  NERO %.3g %s %.3g", row.verdict(), row.neroScore(),
                row.ood() ? ">" : "≤", row.threshold());
    }
}
