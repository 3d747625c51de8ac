package nero.io.image;

import ij.process.ImageProcessor;

/**
 * The one rule for grey images deeper than 8 bits (16-bit integer, 32-bit float), wherever they come from (a file, a
 * DICOM frame, an image open in Fiji): linearly stretched from the image's own min..max to 0..255, rounded, like
 * ImageJ's 8-bit conversion without a display range; non-finite values and a flat image give 0. This deliberately
 * differs from Pillow, whose {@code convert("RGB")} clips every value above 255 to white (docs/inputs.md). 8-bit
 * values are used as they are. Deep colour (16-bit RGB) takes the high byte of each sample instead, as Pillow does
 * ({@link DeepColour}).
 */
public final class GreyLevels {
    private GreyLevels() {
    }

    /** One grey slice as 0..255 values: 8-bit as is, deeper stretched from its min..max. */
    public static int[] to8Bit(ImageProcessor ip) {
        int n = ip.getPixelCount();
        int[] out = new int[n];
        if (ip.getBitDepth() == 8) {
            byte[] pixels = (byte[]) ip.getPixels();
            for (int i = 0; i < n; i++) {
                out[i] = pixels[i] & 0xff;
            }
            return out;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = ip.getf(i);
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] = stretch(ip.getf(i), min, max);
        }
        return out;
    }

    /** A value between {@code min} and {@code max} as 0..255 (0 when not finite or when the range is empty). */
    public static int stretch(double v, double min, double max) {
        if (!Double.isFinite(v) || !(max > min)) {
            return 0;
        }
        long scaled = Math.round((v - min) * 255.0 / (max - min));
        return (int) Math.max(0, Math.min(255, scaled));
    }
}
