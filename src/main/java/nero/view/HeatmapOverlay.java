package nero.view;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.TextRoi;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import java.util.Locale;
import nero.core.explain.SpatialMap;

/**
 * The original image (as RGB) with a heatmap laid over it as a semi-transparent {@link ImageRoi}, a colour bar
 * with its value range, and a caption. The map is upsampled bilinearly to the image size when it is smaller.
 */
public final class HeatmapOverlay {
    public static final double DEFAULT_OPACITY = 0.5;

    private HeatmapOverlay() {
    }

    public static ImagePlus render(ImagePlus image, SpatialMap map, HeatmapLut lut, String caption) {
        return render(image, map, lut, caption, DEFAULT_OPACITY);
    }

    public static ImagePlus render(ImagePlus image, SpatialMap map, HeatmapLut lut, String caption, double opacity) {
        return render(image, map, lut, caption, opacity, 100);
    }

    /**
     * @param rangePercentile the colour range ends at this percentile of |value| (100 = the extreme values); lower
     *                        values keep a few outlier pixels (typical of gradient×input) from washing out the map
     */
    public static ImagePlus render(ImagePlus image, SpatialMap map, HeatmapLut lut, String caption, double opacity,
            double rangePercentile) {
        int w = image.getWidth();
        int h = image.getHeight();
        SpatialMap fitted = map.height() == h && map.width() == w ? map : map.resizeBilinear(h, w);
        double[] range = rangePercentile >= 100 ? lut.range(map.min(), map.max())
                : lut.range(-absPercentile(map, rangePercentile), absPercentile(map, rangePercentile));

        ImagePlus out = new ImagePlus(image.getShortTitle() + " " + caption, image.getProcessor().convertToRGB());
        Overlay overlay = new Overlay();
        ImageRoi heat = new ImageRoi(0, 0, coloured(toBytes(fitted, range), lut));
        heat.setOpacity(opacity);
        heat.setName("heatmap");
        overlay.add(heat);
        addColourBar(overlay, w, h, lut, range);
        addCaption(overlay, caption, h);
        out.setOverlay(overlay);
        return out;
    }

    private static double absPercentile(SpatialMap map, double percentile) {
        double[] a = new double[map.values().length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.abs(map.values()[i]);
        }
        Arrays.sort(a);
        int index = (int) Math.min(a.length - 1, Math.max(0, Math.ceil(percentile / 100 * a.length) - 1));
        return a[index];
    }

    private static ByteProcessor toBytes(SpatialMap map, double[] range) {
        byte[] px = new byte[map.values().length];
        double scale = 255.0 / (range[1] - range[0]);
        for (int i = 0; i < px.length; i++) {
            long v = Math.round((map.values()[i] - range[0]) * scale);
            px[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return new ByteProcessor(map.width(), map.height(), px);
    }

    private static ImageProcessor coloured(ByteProcessor bytes, HeatmapLut lut) {
        bytes.setColorModel(lut.colorModel());
        return bytes.convertToRGB();
    }

    private static void addColourBar(Overlay overlay, int w, int h, HeatmapLut lut, double[] range) {
        int barW = Math.max(6, w / 25);
        int barH = Math.max(16, (int) (h * 0.6));
        int x = w - barW - Math.max(2, w / 50);
        int y = (h - barH) / 2;
        ByteProcessor ramp = new ByteProcessor(barW, barH);
        for (int row = 0; row < barH; row++) {
            int v = (int) Math.round(255.0 * (barH - 1 - row) / Math.max(1, barH - 1));
            for (int col = 0; col < barW; col++) {
                ramp.set(col, row, v);
            }
        }
        ImageRoi bar = new ImageRoi(x, y, coloured(ramp, lut));
        bar.setName("colour bar");
        overlay.add(bar);
        Font font = new Font("SansSerif", Font.BOLD, fontSize(h));
        overlay.add(label(format(range[1]), x, y, font, true));
        overlay.add(label(format(range[0]), x, y + barH - font.getSize(), font, true));
    }

    private static void addCaption(Overlay overlay, String caption, int h) {
        Font font = new Font("SansSerif", Font.BOLD, fontSize(h));
        overlay.add(label(caption, 2, 2, font, false));
    }

    private static TextRoi label(String text, int x, int y, Font font, boolean rightAlignedTo) {
        TextRoi t = new TextRoi(x, y, text, font);
        if (rightAlignedTo) {
            t.setJustification(TextRoi.RIGHT);
            t.setLocation(x - 2 - t.getBounds().width, y);
        }
        t.setStrokeColor(Color.WHITE);
        t.setFillColor(new Color(0, 0, 0, 128));
        return t;
    }

    static int fontSize(int imageHeight) {
        return Math.max(9, Math.min(24, imageHeight / 22));
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
