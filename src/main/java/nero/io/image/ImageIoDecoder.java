package nero.io.image;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.nio.file.Path;
import nero.core.InvalidInputException;

/**
 * An image as ImageIO decoded it (any format), turned into the pixels the model reads by the rules of Pillow's
 * {@code Image.open(f).convert("RGB")}, read from the samples themselves: Java's colour management never touches them
 * (no {@code getRGB}, no drawing), so an embedded ICC profile, a gamma chunk or an alpha channel changes nothing.
 * <ul>
 * <li>palette: each index's colour, its alpha ignored (a tRNS entry or a transparent GIF index keeps its colour);
 * <li>alpha (PNG, TIFF, BMP): dropped, never composited; premultiplied (TIFF associated) alpha is divided out as
 * Pillow's {@code RGBa} unpacking does (grey with premultiplied alpha, which Pillow cannot open, the same way);
 * <li>colour deeper than 8 bits: the high byte of each sample (as Pillow); packed 5- and 6-bit samples (16-bit BMP)
 * scaled by v·255/max, truncated;
 * <li>CMYK (TIFF): {@link CmykToRgb};
 * <li>grey: 8 bits as is; 16-bit integer and float grey keep their values ({@link ShortProcessor},
 * {@link FloatProcessor}) for the one stretch rule ({@link GreyLevels}); 16-bit grey with a real alpha channel (PNG
 * colour type 4; a TIFF with an extra sample, which Pillow cannot open) takes the high byte, as Pillow reads PNG's.
 * </ul>
 * The result is RGB ({@link ColorProcessor}), 8-bit grey, or deep grey; the corpus test (PixelCorpusTest) holds
 * every layout against Pillow.
 */
final class ImageIoDecoder {
    private ImageIoDecoder() {
    }

    /**
     * Whether the alpha ImageIO shows comes only from a colour key (a PNG's tRNS chunk on grey or RGB), which Pillow's
     * grey and RGB modes ignore: 16-bit grey with a key then stays 16-bit grey.
     */
    enum Source {
        PLAIN, ALPHA_IS_COLOUR_KEY
    }

    static ImagePlus toImagePlus(BufferedImage image, Path file) {
        return toImagePlus(image, file, Source.PLAIN);
    }

    static ImagePlus toImagePlus(BufferedImage image, Path file, Source source) {
        ImageProcessor ip = processor(image, file, source);
        ImagePlus imp = new ImagePlus(file.getFileName().toString(), ip);
        imp.setFileInfo(fileInfo(file));
        return imp;
    }

    private static ImageProcessor processor(BufferedImage image, Path file, Source source) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        if (cm instanceof IndexColorModel palette) {
            return new ColorProcessor(w, h, paletteToRgb(raster, palette));
        }
        int colours = cm.getNumColorComponents();
        boolean alpha = cm.hasAlpha() && source != Source.ALPHA_IS_COLOUR_KEY;
        if (colours == 4 && cm.getColorSpace().getType() == ColorSpace.TYPE_CMYK
                && raster.getSampleModel().getSampleSize(0) == 8) {
            return new ColorProcessor(w, h, CmykToRgb.fromTiff(raster));
        }
        if (colours == 3) {
            int[] fast = packedRgb(image);
            return new ColorProcessor(w, h, fast != null ? fast
                    : colourToRgb(raster, alpha && cm.isAlphaPremultiplied()));
        }
        if (colours == 1) {
            return grey(raster, alpha, alpha && cm.isAlphaPremultiplied());
        }
        throw unsupported(file, cm, raster);
    }

    private static InvalidInputException unsupported(Path file, ColorModel cm, Raster raster) {
        return new InvalidInputException(file + ": unsupported colour layout (" + cm.getNumColorComponents()
                + " colour components, " + raster.getNumBands() + " samples of "
                + raster.getSampleModel().getSampleSize(0)
                + " bits)");
    }

    /** Each index's colour; indices beyond the table are black, as in Pillow. */
    private static int[] paletteToRgb(Raster raster, IndexColorModel palette) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] table = new int[256];
        for (int i = 0; i < Math.min(256, palette.getMapSize()); i++) {
            table[i] = palette.getRGB(i);
        }
        int[] argb = new int[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                argb[y * w + x] = 0xff000000 | table[row[x] & 0xff];
            }
        }
        return argb;
    }

    /** The common 8-bit layouts (JPEG's 3-byte BGR, int RGB/ARGB) copied straight from the buffer, or null. */
    private static int[] packedRgb(BufferedImage image) {
        int n = image.getWidth() * image.getHeight();
        if (image.getRaster().getParent() != null) {
            return null;
        }
        switch (image.getType()) {
            case BufferedImage.TYPE_3BYTE_BGR -> {
                byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
                if (bgr.length != 3 * n) {
                    return null;
                }
                int[] argb = new int[n];
                for (int i = 0, j = 0; i < n; i++, j += 3) {
                    argb[i] = 0xff000000 | (bgr[j + 2] & 0xff) << 16 | (bgr[j + 1] & 0xff) << 8 | bgr[j] & 0xff;
                }
                return argb;
            }
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB -> {
                int[] packed = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
                if (packed.length != n) {
                    return null;
                }
                int[] argb = new int[n];
                for (int i = 0; i < n; i++) {
                    argb[i] = 0xff000000 | packed[i];
                }
                return argb;
            }
            default -> {
                return null;
            }
        }
    }

    /** Any 3-colour layout, sample by sample: deeper samples by their high byte, shallower ones scaled up. */
    private static int[] colourToRgb(Raster raster, boolean premultiplied) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int[] sizes = raster.getSampleModel().getSampleSize();
        int[] argb = new int[w * h];
        int[] row = new int[bands * w];
        int[] c = new int[4];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0, j = 0; x < w; x++, j += bands) {
                for (int b = 0; b < Math.min(bands, 4); b++) {
                    c[b] = to8Bits(row[j + b], sizes[b]);
                }
                if (premultiplied) {
                    unpremultiply(c);
                }
                argb[y * w + x] = 0xff000000 | c[0] << 16 | c[1] << 8 | c[2];
            }
        }
        return argb;
    }

    /** A sample of {@code bits} bits as 0..255: the high byte of a deeper sample, v·255/max for a shallower one. */
    private static int to8Bits(int v, int bits) {
        if (bits == 8) {
            return v;
        }
        if (bits > 8) {
            return v >>> (bits - 8);
        }
        return v * 255 / ((1 << bits) - 1);
    }

    /** Pillow's unpacking of premultiplied RGBA (Unpack.c, unpackRGBa): c·255/a truncated, black where a = 0. */
    private static void unpremultiply(int[] c) {
        int a = c[3];
        for (int i = 0; i < 3; i++) {
            c[i] = a == 0 ? 0 : a == 255 ? c[i] : Math.min(255, c[i] * 255 / a);
        }
    }

    /**
     * Grey as 8-bit values, or 16-bit/float values kept for the stretch rule (min-is-white TIFFs arrive inverted from
     * ImageIO already). With an alpha channel, grey takes its high byte, as Pillow reads 16-bit grey + alpha, and
     * premultiplied grey is divided out as premultiplied RGBA is.
     */
    private static ImageProcessor grey(Raster raster, boolean alpha, boolean premultiplied) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bits = raster.getSampleModel().getSampleSize(0);
        int type = raster.getDataBuffer().getDataType();
        boolean single = raster.getNumBands() == 1 && raster.getParent() == null
                && raster.getSampleModel() instanceof ComponentSampleModel csm && csm.getPixelStride() == 1
                && csm.getScanlineStride() == w && raster.getDataBuffer().getNumBanks() == 1
                && raster.getDataBuffer().getOffset() == 0 && raster.getDataBuffer().getSize() == w * h;
        if (type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE || bits > 16) {
            float[] values = single && raster.getDataBuffer() instanceof DataBufferFloat f ? f.getData()
                    : raster.getSamples(raster.getMinX(), raster.getMinY(), w, h, 0, new float[w * h]);
            return new FloatProcessor(w, h, values);
        }
        if (bits > 8 && !alpha) {
            if (single && raster.getDataBuffer() instanceof DataBufferUShort u) {
                return new ShortProcessor(w, h, u.getData(), null);
            }
            int[] samples = raster.getSamples(raster.getMinX(), raster.getMinY(), w, h, 0, new int[w * h]);
            short[] values = new short[w * h];
            for (int i = 0; i < values.length; i++) {
                values[i] = (short) samples[i];
            }
            return new ShortProcessor(w, h, values, null);
        }
        if (bits == 8 && single && raster.getDataBuffer() instanceof DataBufferByte b) {
            return new ByteProcessor(w, h, b.getData());
        }
        int[] samples = raster.getSamples(raster.getMinX(), raster.getMinY(), w, h, 0, new int[w * h]);
        int[] alphas = premultiplied ? raster.getSamples(raster.getMinX(), raster.getMinY(), w, h,
                raster.getNumBands() - 1, new int[w * h]) : null;
        int alphaBits = raster.getSampleModel().getSampleSize(raster.getNumBands() - 1);
        byte[] values = new byte[w * h];
        int[] c = new int[4];
        for (int i = 0; i < values.length; i++) {
            int v = to8Bits(samples[i], bits);
            if (premultiplied) {
                c[0] = v;
                c[3] = to8Bits(alphas[i], alphaBits);
                unpremultiply(c);
                v = c[0];
            }
            values[i] = (byte) v;
        }
        return new ByteProcessor(w, h, values);
    }

    private static FileInfo fileInfo(Path file) {
        FileInfo fi = new FileInfo();
        fi.fileFormat = FileInfo.IMAGEIO;
        fi.fileName = file.getFileName().toString();
        Path parent = file.toAbsolutePath().getParent();
        fi.directory = parent == null ? "" : parent + java.io.File.separator;
        return fi;
    }
}
