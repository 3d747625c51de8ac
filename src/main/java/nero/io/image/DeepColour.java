package nero.io.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * 16-bit colour images (RGB or RGBA, 16 bits per sample) as 8-bit RGB, taking the high byte of each sample as
 * Pillow does when torchvision opens such a file (ImageMagick's v/257 differs by at most 1). ImageJ would open them
 * as a 3-channel 16-bit stack and the preprocessing would stretch each channel on its own, shifting colours.
 * Converted row by row into the one packed array ImageJ keeps, so a 100-megapixel file peaks at its decoded
 * 600 MB plus 400 MB.
 */
final class DeepColour {
    private DeepColour() {
    }

    /** Whether the image has 3 or 4 colour samples (RGB, RGBA) deeper than 8 bits. */
    static boolean isDeepColour(BufferedImage image) {
        Raster r = image.getRaster();
        return r.getNumBands() >= 3 && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_RGB
                && r.getSampleModel().getSampleSize(0) > 8;
    }

    /**
     * Packed opaque RGB. With {@code onWhite} an alpha channel is composited onto white first (in 16 bits, as ImageJ
     * does for 8-bit PNGs); without, alpha is dropped (as Pillow's {@code convert("RGB")} does).
     */
    static int[] toRgb(BufferedImage image, boolean onWhite) {
        Raster r = image.getRaster();
        int w = r.getWidth();
        int h = r.getHeight();
        int bands = r.getNumBands();
        int bits = r.getSampleModel().getSampleSize(0);
        long max = (1L << bits) - 1;
        int shift = bits - 8;
        boolean composite = onWhite && image.getColorModel().hasAlpha() && bands >= 4;
        int[] packed = new int[w * h];
        int[] row = new int[bands * w];
        int[] rgb = new int[3];
        for (int y = 0; y < h; y++) {
            r.getPixels(r.getMinX(), r.getMinY() + y, w, 1, row);
            for (int x = 0, j = 0; x < w; x++, j += bands) {
                for (int c = 0; c < 3; c++) {
                    long v = row[j + c];
                    if (composite) {
                        long a = row[j + 3];
                        v = (v * a + max * (max - a) + max / 2) / max;
                    }
                    rgb[c] = (int) (v >>> shift);
                }
                packed[y * w + x] = 0xff000000 | rgb[0] << 16 | rgb[1] << 8 | rgb[2];
            }
        }
        return packed;
    }
}
