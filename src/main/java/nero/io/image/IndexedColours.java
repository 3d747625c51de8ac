package nero.io.image;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import java.awt.image.IndexColorModel;

/**
 * An 8-bit image read from a file whose lookup table is not the plain grey ramp: palette PNG/BMP/TIFF, 1-bit
 * images (ImageJ keeps 0/1 values with a two-entry table) and min-is-white TIFFs (raw values with an inverted
 * table). Their pixel values are indices, not intensities; the colours are what the file shows and what Pillow
 * gives ({@code convert("RGB")}), so they are looked up here, once, at reading time. The preprocessing reads raw
 * values of 8-bit images (so that a display LUT a Fiji user applies changes nothing), which is right only after this.
 */
final class IndexedColours {
    private IndexedColours() {
    }

    /** The same image with its table applied (RGB), or the image itself when its table is the grey ramp. */
    static ImagePlus resolve(ImagePlus imp) {
        ImageProcessor ip = imp.getProcessor();
        if (!(ip instanceof ByteProcessor) || imp.isComposite() || ip.isDefaultLut()) {
            return imp;
        }
        IndexColorModel lut = ip.getLut().getColorModel();
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            table[i] = i < lut.getMapSize() ? 0xff000000 | lut.getRGB(i) : 0xff000000;
        }
        byte[] indices = (byte[]) ip.getPixels();
        int[] argb = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            argb[i] = table[indices[i] & 0xff];
        }
        ImagePlus rgb = new ImagePlus(imp.getTitle(), new ColorProcessor(ip.getWidth(), ip.getHeight(), argb));
        rgb.setFileInfo(imp.getOriginalFileInfo());
        return rgb;
    }
}
