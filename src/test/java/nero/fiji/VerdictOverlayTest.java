package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nero.app.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The verdict overlay: one verdict per picture of a stack or hyperstack, tied to its position; text that scales
 * with the image and is never cut, measured on the rendered (flattened) image.
 */
class VerdictOverlayTest {
    static Reports.ScoreRow row(String id, double score, boolean ood) {
        return new Reports.ScoreRow(id, "polyp", 0.9, score, 1.0, 0.1, 1.0, "polyp", 0.0622, ood, Map.of());
    }

    @Test
    void anOodImageGetsAFrameAndItsVerdictAnIdImageOnlyTheText() {
        ImagePlus ood = new ImagePlus("ood", new ByteProcessor(200, 150));
        VerdictOverlay.draw(ood, List.of(row("ood", 3.5, true)));
        Overlay overlay = ood.getOverlay();
        assertEquals(2, overlay.size());
        assertEquals(VerdictOverlay.OOD_COLOR, overlay.get(0).getStrokeColor());
        TextRoi text = assertInstanceOf(TextRoi.class, overlay.get(1));
        assertEquals("OOD\nNERO 3.50 > 0.0622", text.getText().strip());
        assertEquals("OOD  NERO 3.50 > 0.0622", VerdictOverlay.label(row("ood", 3.5, true)));

        ImagePlus id = new ImagePlus("id", new ByteProcessor(200, 150));
        VerdictOverlay.draw(id, List.of(row("id", 0.0574, false)));
        assertEquals(1, id.getOverlay().size());
        assertEquals("ID\nNERO 0.0574 ≤ 0.0622", ((TextRoi) id.getOverlay().get(0)).getText().strip());
    }

    /** Slice k shows slice k's verdict: each row is drawn on the slice its id names, whatever the row order. */
    @Test
    void eachSliceOfAStackShowsItsOwnRow() {
        ImagePlus stack = IJ.createImage("clip", "8-bit black", 160, 120, 15);
        stack.getStack().setSliceLabel("frame 7", 7);
        List<Reports.ScoreRow> rows = new ArrayList<>();
        for (int k = 15; k >= 1; k--) {
            String id = "clip#slice=" + k + (k == 7 ? " (frame 7)" : "");
            rows.add(row(id, k / 10.0, k % 3 == 0));
        }
        VerdictOverlay.draw(stack, rows);
        Overlay overlay = stack.getOverlay();
        for (int k = 1; k <= 15; k++) {
            List<Roi> on = rois(overlay, k);
            TextRoi text = (TextRoi) on.stream().filter(r -> r instanceof TextRoi).findFirst().orElseThrow();
            assertTrue(text.getText().startsWith(k % 3 == 0 ? "OOD\nNERO " : "ID\nNERO "), text.getText());
            assertTrue(text.getText().contains(String.format(java.util.Locale.ROOT, "NERO %.3g", k / 10.0)),
                    "slice " + k + ": " + text.getText());
            assertEquals(k % 3 == 0 ? 2 : 1, on.size(), "slice " + k + ": a frame only when OOD");
        }
    }

    /** A hyperstack's shapes sit at (any channel, z, t): every channel of a position shows that position's verdict. */
    @Test
    void aHyperstackPositionHasItsRowOnEveryChannel() {
        ImagePlus hyper = IJ.createHyperStack("h", 96, 96, 3, 2, 4, 8);
        List<Reports.ScoreRow> rows = new ArrayList<>();
        for (int t = 1; t <= 4; t++) {
            for (int z = 1; z <= 2; z++) {
                rows.add(row("h#z=" + z + ",t=" + t, z * 10 + t, false));
            }
        }
        VerdictOverlay.draw(hyper, rows);
        Overlay overlay = hyper.getOverlay();
        assertEquals(8, overlay.size());
        for (Roi roi : overlay.toArray()) {
            assertEquals(0, roi.getCPosition(), "every channel");
            String expected = String.format(java.util.Locale.ROOT, "NERO %.3g", roi.getZPosition() * 10.0
                    + roi.getTPosition());
            assertTrue(((TextRoi) roi).getText().contains(expected), roi.getZPosition() + "," + roi.getTPosition());
        }
    }

    /**
     * The text is readable at 128 pixels and at 1920: its size grows with the image, it lies inside the image with a
     * margin, and no line is cut (each line's drawn width fits its box; the rendered text ends inside the box).
     */
    @ParameterizedTest
    @CsvSource({"128, 128", "128, 96", "96, 128", "224, 224", "640, 480", "1920, 1080", "1080, 1920", "64, 48"})
    void theTextScalesWithTheImageAndIsNeverCut(int width, int height) {
        for (Reports.ScoreRow r : List.of(row("x", 0.0574, false), row("x", 12345.6, true), row("x", -0.000123,
                false))) {
            ImagePlus image = new ImagePlus("x", new ColorProcessor(width, height));
            VerdictOverlay.draw(image, List.of(r));
            TextRoi text = (TextRoi) image.getOverlay().get(image.getOverlay().size() - 1);
            Rectangle box = text.getBounds();
            int size = text.getCurrentFont().getSize();
            String where = width + "×" + height + " " + text.getText().replace('\n', '|') + " size " + size + " box "
                    + box;
            if (Math.min(width, height) >= 96) { // the smallest images may cut a long score at the smallest size
                assertTrue(box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height,
                        "inside the image: " + where);
            }
            assertTrue(size >= Math.min(VerdictOverlay.MAX_FONT, Math.min(width, height) / 40)
                    && size >= VerdictOverlay.MIN_FONT, "scales with the image: " + where);
            FontMetrics metrics = metrics(text.getCurrentFont());
            for (String line : text.getText().split("\n")) {
                assertTrue(metrics.stringWidth(line) <= box.width, "line '" + line + "' fits its box: " + where);
            }
            if (Math.min(width, height) >= 96) {
                Rectangle drawn = textPixels(image, box);
                assertTrue(drawn.width > 0, "text drawn: " + where);
                assertTrue(drawn.x + drawn.width < Math.min(width, box.x + box.width), "not cut on the right: " + where);
                assertTrue(drawn.y + drawn.height < Math.min(height, box.y + box.height), "not cut below: " + where);
            }
        }
    }

    /** At 1920 pixels the text is large enough to read with the whole image on a screen (not 32 px of 1080). */
    @Test
    void onAFullHdFrameTheTextIsAboutATwentiethOfTheHeight() {
        ImagePlus image = new ImagePlus("hd", new ColorProcessor(1920, 1080));
        VerdictOverlay.draw(image, List.of(row("hd", 0.0574, false)));
        TextRoi text = (TextRoi) image.getOverlay().get(0);
        assertEquals(1080 / VerdictOverlay.LINES_PER_SIDE, text.getCurrentFont().getSize());
        assertEquals(2, text.getText().strip().split("\n").length);
    }

    private static List<Roi> rois(Overlay overlay, int slice) {
        List<Roi> on = new ArrayList<>();
        for (Roi r : overlay.toArray()) {
            if (r.getPosition() == slice) {
                on.add(r);
            }
        }
        return on;
    }

    private static FontMetrics metrics(Font font) {
        return new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).getGraphics().getFontMetrics(font);
    }

    /** The bounds of the text's colour (bright green or red, not the dark fill) in the flattened image, in the box. */
    private static Rectangle textPixels(ImagePlus image, Rectangle box) {
        ColorProcessor flat = (ColorProcessor) image.flatten().getProcessor();
        Rectangle r = null;
        for (int y = Math.max(0, box.y); y < Math.min(image.getHeight(), box.y + box.height); y++) {
            for (int x = Math.max(0, box.x); x < Math.min(image.getWidth(), box.x + box.width); x++) {
                Color c = new Color(flat.get(x, y));
                if (Math.max(c.getRed(), c.getGreen()) > 120) {
                    r = r == null ? new Rectangle(x, y, 1, 1) : r.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        return r == null ? new Rectangle() : r;
    }
}
