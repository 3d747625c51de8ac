package nero.io.image;

import ij.ImagePlus;
import ij.io.Opener;
import ij.process.ColorProcessor;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import nero.core.InvalidInputException;
import nero.io.DecoderFailures;
import nero.io.FileKind;
import nero.io.PixelLimits;

/**
 * JPEG, PNG, TIFF, BMP and GIF files, decoded to the pixels Pillow gives torchvision for the same file. Every file's
 * size (each TIFF page, a GIF's logical screen) is checked from its header before any pixel is decoded
 * ({@link PixelLimits}). JPEG, PNG, BMP and GIF are decoded with ImageIO and copied straight into an ImageJ processor
 * ({@link ImageIoDecoder}: the same pixels as ImageJ, about 6× faster); CMYK/YCCK JPEGs go through
 * {@link CmykToRgb}, 16-bit colour through {@link DeepColour}, palettes are looked up; a GIF gives its first frame.
 * TIFFs go through ImageJ 1 (headless) where it decodes the layout right, else ImageIO ({@link TiffStructure}).
 */
public final class PlainImageReader {
    private PlainImageReader() {
    }

    public static ImagePlus read(Path file) {
        FileKind kind = FileKind.of(file);
        if (kind != FileKind.IMAGE) {
            throw new InvalidInputException(file + ": not an image file this reader knows (JPEG, PNG, TIFF, BMP, GIF)");
        }
        ImagePlus imp;
        if (isTiff(file)) {
            TiffStructure tiff = TiffStructure.read(file);
            checkPages(file, tiff);
            imp = PixelLimits.decode(tiff.pages().get(0).pixels(), () -> readTiff(file, tiff));
        } else {
            imp = readDirectly(file);
            if (imp == null) {
                imp = readWithImageJ(file);
            }
        }
        if (imp == null || imp.getWidth() <= 0 || imp.getHeight() <= 0) {
            imp = readWithImageIo(file);
        }
        imp = IndexedColours.resolve(imp);
        imp.setTitle(file.getFileName().toString());
        return imp;
    }

    /**
     * Reads the size from the header first (refusing images too large to decode in memory), then decodes with the
     * same ImageIO reader. Null: a layout ImageJ reads the same way and keeps more of (16-bit grey, which keeps its
     * values), a TIFF, or a BMP variant ImageIO cannot read (ImageJ has its own BMP decoder).
     */
    static ImagePlus readDirectly(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null; // no ImageIO reader: ImageJ reports the problem
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toLowerCase(Locale.ROOT);
            if (format.startsWith("tif")) {
                return null;
            }
            try {
                reader.setInput(in, true, false);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                PixelLimits.checkImage(file.toString(), "image", w, h);
                if (format.equals("gif")) {
                    GifScreen.check(file);
                }
                return PixelLimits.decode(w * h, () -> decode(file, reader, format));
            } catch (IOException | RuntimeException e) {
                if (e instanceof InvalidInputException iie) {
                    throw iie;
                }
                if (format.equals("bmp")) {
                    return null; // ImageJ's own BMP decoder may know the variant
                }
                throw new InvalidInputException(file + ": corrupt or unsupported " + format.toUpperCase(Locale.ROOT)
                        + " image: " + DecoderFailures.describe(e), e);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ImagePlus decode(Path file, ImageReader reader, String format) {
        try {
            if (format.equals("jpeg") || format.equals("jpg")) {
                JpegColours colours = JpegColours.of(reader);
                if (colours.components() == 4) {
                    int[] argb = CmykToRgb.fromJpeg(reader.readRaster(0, null), colours.ycck());
                    return rgbImage(file, (int) reader.getWidth(0), (int) reader.getHeight(0), argb);
                }
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0);
            refuseMissingImageData(file, warnings);
            if (DeepColour.isDeepColour(image)) {
                return rgbImage(file, image.getWidth(), image.getHeight(),
                        DeepColour.toRgb(image, format.equals("png")));
            }
            if (image.getColorModel() instanceof IndexColorModel) {
                return rgbImage(file, image.getWidth(), image.getHeight(), paletteToRgb(image));
            }
            ImagePlus imp = ImageIoDecoder.toImagePlus(image, format, file);
            if (imp == null && !format.equals("png") && !format.equals("bmp")) {
                // no ImageJ layout to match (JPEG with two components, …): ImageIO's own colour conversion
                return rgbImage(file, image.getWidth(), image.getHeight(),
                        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()));
            }
            return imp;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first frame of a GIF, palette looked up (transparent pixels keep their palette colour, as in Pillow). */
    private static int[] paletteToRgb(BufferedImage image) {
        int w = image.getWidth();
        int[] argb = image.getRGB(0, 0, w, image.getHeight(), null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            argb[i] |= 0xff000000;
        }
        return argb;
    }

    private static ImagePlus rgbImage(Path file, int w, int h, int[] argb) {
        return new ImagePlus(file.getFileName().toString(), new ColorProcessor(w, h, argb));
    }

    /** The first page's size; the others are decoded only when all pages together fit the limit. */
    private static void checkPages(Path file, TiffStructure tiff) {
        TiffStructure.Page first = tiff.pages().get(0);
        PixelLimits.checkImage(file.toString(), tiff.pages().size() == 1 ? "image" : "page 1", first.width(),
                first.height());
    }

    /**
     * The first page through ImageIO when ImageJ would decode it wrong; else ImageJ: the whole file when all pages
     * together fit the pixel limit (so a 3-channel ImageJ composite stays RGB), only the first page when not.
     */
    private static ImagePlus readTiff(Path file, TiffStructure tiff) {
        if (!tiff.imageJDecodesRight()) {
            return readTiffWithImageIo(file, tiff);
        }
        boolean allPages = tiff.pages().size() == 1 || tiff.totalPixels() <= PixelLimits.MAX_PIXELS;
        ImagePlus imp = quietly(() -> allPages ? new Opener().openImage(file.toString())
                : new Opener().openImage(file.toString(), 1));
        return imp;
    }

    private static ImagePlus readTiffWithImageIo(Path file, TiffStructure tiff) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in, true, true);
                BufferedImage image = reader.read(0);
                int w = image.getWidth();
                int h = image.getHeight();
                if (tiff.photometric() == TiffStructure.PHOTOMETRIC_CMYK && image.getRaster().getNumBands() >= 4
                        && tiff.bitsPerSample() == 8) {
                    return rgbImage(file, w, h, CmykToRgb.fromTiff(image.getRaster()));
                }
                if (DeepColour.isDeepColour(image)) {
                    return rgbImage(file, w, h, DeepColour.toRgb(image, false));
                }
                int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
                for (int i = 0; i < argb.length; i++) {
                    argb[i] |= 0xff000000; // TIFF alpha is dropped, as ImageJ and Pillow's convert("RGB") do
                }
                return rgbImage(file, w, h, argb);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file + ": unsupported TIFF layout (" + tiff.describe() + "): "
                    + DecoderFailures.describe(e), e);
        }
    }

    private static ImagePlus readWithImageJ(Path file) {
        return quietly(() -> new Opener().openImage(file.toString()));
    }

    /** ImageJ's Opener, whose failures are reported by the ImageIO fallback instead. */
    private static ImagePlus quietly(java.util.function.Supplier<ImagePlus> open) {
        try {
            return open.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * libjpeg fills the part of a cut-off JPEG it never received with grey and only warns; ImageJ shows that image
     * as if nothing happened, and torchvision's loader (PIL) refuses it. A score on half an image is misleading, so
     * the file is refused. A file that only lacks its end marker still has every pixel and is accepted.
     */
    private static void refuseMissingImageData(Path file, List<String> warnings) {
        for (String warning : warnings) {
            if (warning.toLowerCase(Locale.ROOT).contains("premature end of data")) {
                throw new InvalidInputException(file + ": truncated image: the JPEG data ends before the last pixel row ("
                        + "decoder: \"" + warning + "\"); copy or download the file again");
            }
        }
    }

    private static boolean isTiff(Path file) {
        byte[] head = new byte[4];
        try (var in = java.nio.file.Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        return head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0
                || head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
    }

    private static ImagePlus readWithImageIo(Path file) {
        BufferedImage bi;
        try {
            bi = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file + ": corrupt or truncated image: " + DecoderFailures.describe(e), e);
        }
        if (bi == null || bi.getWidth() <= 0 || bi.getHeight() <= 0) {
            throw new InvalidInputException(file + ": corrupt or unsupported image (no decoder could read it)");
        }
        return new ImagePlus(file.getFileName().toString(), bi);
    }
}
