package nero.io.image;

import ij.process.ImageProcessor;

/**
 * The one rule for grey images deeper than 8 bits (16-bit integer, 32-bit float), wherever they come from (a file, a
 * DICOM frame, an image open in Fiji, an ImgLib2 image from a script):
 * <ul>
 * <li>when every value is a whole number from 0 to 255, the values are used as they are: the same picture held as
 * 8-bit, 16-bit or 32-bit grey (Fiji's Image › Type keeps the values) gives the same pixels, and the same pixels as
 * Pillow's {@code convert("RGB")} of such a file;</li>
 * <li>otherwise they are stretched linearly from the image's own min..max to 0..255, rounded, like ImageJ's 8-bit
 * conversion of a freshly opened image; non-finite values and a flat image give 0. Pillow would clip every value
 * above 255 to white, so a 16-bit photograph became an almost white picture (docs/inputs.md).</li>
 * </ul>
 * A fixed rule (the type's full range to 0..255) would score 12-bit data (0..4095) and Fiji's 16-bit copy of an 8-bit
 * picture (0..255) as almost black; the stretch alone would score that copy differently from the 8-bit picture unless
 * it spans 0..255. 8-bit values are used as they are. Deep colour (16-bit RGB) takes the high byte of each sample
 * instead, as Pillow does ({@link DeepColour}).
 */
public final class GreyLevels {
    private GreyLevels() {
    }

    /** One grey slice as 0..255 values: 8-bit as is, deeper by the rule above. */
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
        boolean bytes = true;
        for (int i = 0; i < n; i++) {
            double v = ip.getf(i);
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            bytes &= isByte(v);
        }
        for (int i = 0; i < n; i++) {
            out[i] = bytes ? (int) ip.getf(i) : stretch(ip.getf(i), min, max);
        }
        return out;
    }

    /** Whether {@code v} is a whole number from 0 to 255: an 8-bit value held in a deeper type. */
    public static boolean isByte(double v) {
        return v >= 0 && v <= 255 && v == Math.rint(v);
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
