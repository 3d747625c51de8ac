package nero.view;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import nero.core.InvalidInputException;

/** Tiles of explained images (overlays burnt in), each with a caption, in one RGB image. */
public final class OodMontage {
    /** Space left free at each side of a caption. */
    static final int CAPTION_MARGIN = 3;
    private OodMontage() {
    }

    /**
     * @param tiles    images, with or without overlay (overlays are flattened)
     * @param captions one line under each tile
     * @param columns  tiles per row
     * @param tileSize each tile is fitted into a square of this side, aspect ratio kept
     */
    public static ImagePlus create(List<ImagePlus> tiles, List<String> captions, int columns, int tileSize) {
        if (tiles.isEmpty() || tiles.size() != captions.size() || columns <= 0 || tileSize <= 0) {
            throw new InvalidInputException("a montage needs at least one image, one caption per image and positive"
                    + " sizes (got " + tiles.size() + " images, " + captions.size() + " captions)");
        }
        int cols = Math.min(columns, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        int fontSize = fontSize(tileSize);
        int captionH = captionHeight(tileSize);
        ColorProcessor canvas = new ColorProcessor(cols * tileSize, rows * (tileSize + captionH));
        canvas.setColor(Color.BLACK);
        canvas.fill();
        canvas.setFont(new Font("SansSerif", Font.PLAIN, fontSize));
        canvas.setAntialiasedText(true);
        for (int i = 0; i < tiles.size(); i++) {
            int x0 = (i % cols) * tileSize;
            int y0 = (i / cols) * (tileSize + captionH);
            ImageProcessor fitted = fit(tiles.get(i), tileSize);
            canvas.insert(fitted, x0 + (tileSize - fitted.getWidth()) / 2, y0 + (tileSize - fitted.getHeight()) / 2);
            canvas.setColor(Color.WHITE);
            canvas.drawString(fitted(captions.get(i), canvas, tileSize - 2 * CAPTION_MARGIN), x0 + CAPTION_MARGIN,
                    y0 + tileSize + captionH - 3);
        }
        return new ImagePlus("Most OOD images", canvas);
    }

    /**
     * The caption shortened until it fits {@code width} pixels in the canvas's font, so that it never runs into the
     * next tile's caption: the name (before the first double space) loses its middle ("cecum-te…042  3.21  OOD"),
     * the score and verdict after it stay; if even they do not fit, the whole caption loses its middle.
     */
    static String fitted(String caption, ImageProcessor canvas, int width) {
        if (canvas.getStringWidth(caption) <= width) {
            return caption;
        }
        int split = caption.indexOf("  ");
        if (split > 0) {
            String name = caption.substring(0, split);
            String tail = caption.substring(split);
            for (int keep = name.length() - 1; keep >= 2; keep--) {
                String shorter = elided(name, keep) + tail;
                if (canvas.getStringWidth(shorter) <= width) {
                    return shorter;
                }
            }
        }
        for (int keep = caption.length() - 1; keep >= 1; keep--) {
            String shorter = elided(caption, keep);
            if (canvas.getStringWidth(shorter) <= width) {
                return shorter;
            }
        }
        return "";
    }

    /** {@code text} with its middle replaced by "…", {@code keep} of its characters left (the start's first). */
    private static String elided(String text, int keep) {
        int end = keep / 2;
        return text.substring(0, keep - end) + "…" + text.substring(text.length() - end);
    }

    static int fontSize(int tileSize) {
        return Math.max(10, tileSize / 16);
    }

    /** Height of the caption strip under each tile. */
    public static int captionHeight(int tileSize) {
        return fontSize(tileSize) + 6;
    }

    private static ImageProcessor fit(ImagePlus tile, int size) {
        ImagePlus flat = tile.getOverlay() != null ? tile.flatten() : tile;
        ImageProcessor ip = flat.getProcessor().convertToRGB();
        double scale = Math.min((double) size / ip.getWidth(), (double) size / ip.getHeight());
        ip.setInterpolationMethod(ImageProcessor.BILINEAR);
        return ip.resize(Math.max(1, (int) Math.round(ip.getWidth() * scale)),
                Math.max(1, (int) Math.round(ip.getHeight() * scale)));
    }
}
