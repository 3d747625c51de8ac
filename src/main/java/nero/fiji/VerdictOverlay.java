package nero.fiji;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nero.app.Reports;
import nero.io.source.StackPlanes;

/**
 * Draws score rows on an image: the verdict and NERO score as text, and a coloured frame when it is OOD. On a stack
 * or hyperstack each picture gets its own row's verdict, tied to its (z, t) position, so slice k shows slice k's.
 *
 * <p>The text scales with the image: about {@value #LINES_PER_SIDE} lines of text would fill its shorter side, so it
 * reads the same at 128 and at 1920 pixels once the image fills a window; it is made smaller (down to {@value
 * #MIN_FONT} pixels) or broken into three lines where two would not fit the width, and is never drawn outside the
 * image.
 */
public final class VerdictOverlay {
    public static final Color OOD_COLOR = new Color(230, 40, 40);
    public static final Color ID_COLOR = new Color(40, 200, 80);
    /** The text's size: the shorter side divided by this. */
    static final int LINES_PER_SIDE = 20;
    /** The smallest text drawn, in image pixels (bold sans-serif stays legible at 1:1). */
    static final int MIN_FONT = 7;
    /** The largest, for very large images. */
    static final int MAX_FONT = 160;

    private VerdictOverlay() {
    }

    /**
     * Replaces the image's overlay with one verdict per picture: a single image gets its row (the one named after
     * it, else the first); each (z, t) position of a stack the row whose id names it ({@link StackPlanes}).
     */
    public static void draw(ImagePlus image, List<Reports.ScoreRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<StackPlanes.Plane> planes = StackPlanes.of(image);
        Overlay overlay = new Overlay();
        if (planes.size() == 1) {
            Reports.ScoreRow row = rows.stream().filter(r -> r.id().equals(image.getTitle())).findFirst()
                    .orElse(rows.get(0));
            addRow(overlay, image, row, null);
        } else {
            Map<String, StackPlanes.Plane> byId = new HashMap<>();
            planes.forEach(p -> byId.put(p.id(), p));
            for (Reports.ScoreRow row : rows) {
                StackPlanes.Plane plane = byId.get(row.id());
                if (plane != null) {
                    addRow(overlay, image, row, plane);
                }
            }
        }
        image.setOverlay(overlay);
    }

    /** Adds a row's frame (OOD) and text, on {@code plane} only, or on every picture when it is null. */
    static void addRow(Overlay overlay, ImagePlus image, Reports.ScoreRow row, StackPlanes.Plane plane) {
        int width = image.getWidth();
        int height = image.getHeight();
        Color color = row.ood() ? OOD_COLOR : ID_COLOR;
        int stroke = Math.max(2, Math.min(width, height) / 60);
        if (row.ood()) {
            Roi frame = new Roi(stroke / 2.0, stroke / 2.0, width - stroke, height - stroke);
            frame.setStrokeColor(color);
            frame.setStrokeWidth(stroke);
            place(frame, image, plane);
            overlay.add(frame);
        }
        TextRoi text = text(row, width, height, stroke + Math.max(1, stroke / 2));
        text.setStrokeColor(color);
        text.setFillColor(new Color(0, 0, 0, 150));
        place(text, image, plane);
        overlay.add(text);
    }

    /**
     * The verdict and the score against the threshold at the largest size that fits inside {@code margin} of the
     * image's edges: two lines, else three; at the smallest size on an image too small for it, the text starts at
     * the margin and whatever cannot fit is cut at the image's edge (ImageJ draws an overlay only on the image).
     */
    static TextRoi text(Reports.ScoreRow row, int width, int height, int margin) {
        String[] parts = parts(row);
        String twoLines = parts[0] + "\n" + parts[1] + " " + parts[2];
        String threeLines = parts[0] + "\n" + parts[1] + "\n" + parts[2];
        int size = Math.max(MIN_FONT, Math.min(MAX_FONT, Math.min(width, height) / LINES_PER_SIDE));
        TextRoi best = null;
        for (int s = size; s >= MIN_FONT; s = s > 24 ? s * 15 / 16 : s - 1) {
            for (String text : new String[] {twoLines, threeLines}) {
                TextRoi roi = new TextRoi(margin, margin, text, new Font(Font.SANS_SERIF, Font.BOLD, s));
                if (fits(roi.getBounds(), width, height, margin)) {
                    return roi;
                }
                if (best == null || roi.getBounds().width < best.getBounds().width) {
                    best = roi;
                }
            }
        }
        return best;
    }

    private static boolean fits(Rectangle bounds, int width, int height, int margin) {
        return bounds.x >= 0 && bounds.y >= 0 && bounds.x + bounds.width <= width - margin
                && bounds.y + bounds.height <= height - margin;
    }

    /** Ties a shape to one picture: a (z, t) position of a hyperstack (every channel), a slice of a stack. */
    private static void place(Roi roi, ImagePlus image, StackPlanes.Plane plane) {
        if (plane == null) {
            roi.setPosition(0);
        } else if (image.isHyperStack() || image.getNChannels() > 1) {
            roi.setPosition(0, plane.z(), plane.t());
        } else {
            roi.setPosition(image.getStackIndex(1, plane.z(), plane.t())); // a plain stack: the slice
        }
    }

    /** "OOD", "NERO 3.21", "> 2.80": the verdict, the score, how it compares with the threshold. */
    private static String[] parts(Reports.ScoreRow row) {
        return new String[] {row.verdict(), String.format(Locale.ROOT, "NERO %.3g", row.neroScore()),
            String.format(Locale.ROOT, "%s %.3g", row.ood() ? ">" : "≤", row.threshold())};
    }

    /** "OOD  NERO 3.21 > 2.80" — the verdict and how the score compares with the threshold. */
    public static String label(Reports.ScoreRow row) {
        String[] p = parts(row);
        return p[0] + "  " + p[1] + " " + p[2];
    }
}
