package nero.io;

import ij.ImagePlus;
import ij.io.Opener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import nero.core.InvalidInputException;

/**
 * JPEG, PNG, TIFF, BMP and GIF files. Plain JPEG/PNG/BMP layouts are decoded once with ImageIO and copied straight
 * into an ImageJ processor ({@link ImageIoDecoder}: the same pixels as ImageJ, about 6× faster); TIFF, GIF and the
 * layouts ImageIO cannot map exactly go through ImageJ 1 (headless), with ImageIO as the last resort.
 */
final class PlainImageReader {
    private PlainImageReader() {
    }

    /** Largest accepted image, in pixels (an RGB image this size takes 1 GiB as ImageJ ints). */
    static final long MAX_PIXELS = 1L << 28;

    static ImagePlus read(Path file) {
        FileKind kind = FileKind.of(file);
        if (kind != FileKind.IMAGE) {
            throw new InvalidInputException(file + ": not an image file this reader knows (JPEG, PNG, TIFF, BMP, GIF)");
        }
        ImagePlus imp = readDirectly(file);
        if (imp == null) {
            try {
                imp = new Opener().openImage(file.toString());
            } catch (RuntimeException e) {
                // fall through to ImageIO, which reports its own error
            }
        }
        if (imp == null || imp.getWidth() <= 0 || imp.getHeight() <= 0) {
            imp = readWithImageIo(file);
        }
        imp.setTitle(file.getFileName().toString());
        return imp;
    }

    /**
     * Reads the size from the header first (refusing images too large to decode in memory), then decodes with the
     * same ImageIO reader when {@link ImageIoDecoder} maps its format exactly. Null: let ImageJ read the file.
     */
    static ImagePlus readDirectly(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null; // no ImageIO reader: ImageJ reports the problem
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || w * h > MAX_PIXELS) {
                    throw new InvalidInputException(file + ": image size " + w + "x" + h + " is empty or too large (at most "
                            + MAX_PIXELS + " pixels)");
                }
                String format = reader.getFormatName();
                if (!isDirectFormat(format)) {
                    return null;
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                refuseMissingImageData(file, warnings);
                return ImageIoDecoder.toImagePlus(image, format, file);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            return null; // unreadable here: ImageJ, then ImageIO's own error message, decide
        }
    }

    /**
     * libjpeg fills the part of a cut-off JPEG it never received with grey and only warns; ImageJ shows that image
     * as if nothing happened, and torchvision's loader (PIL) refuses it. A score on half an image is misleading, so
     * the file is refused. A file that only lacks its end marker still has every pixel and is accepted.
     */
    private static void refuseMissingImageData(Path file, List<String> warnings) {
        for (String warning : warnings) {
            if (warning.toLowerCase(java.util.Locale.ROOT).contains("premature end of data")) {
                throw new InvalidInputException(file + ": truncated image: the JPEG data ends before the last pixel row ("
                        + "decoder: \"" + warning + "\"); copy or download the file again");
            }
        }
    }

    private static boolean isDirectFormat(String format) {
        String f = format.toLowerCase(java.util.Locale.ROOT);
        return f.equals("jpeg") || f.equals("jpg") || f.equals("png") || f.equals("bmp");
    }

    private static ImagePlus readWithImageIo(Path file) {
        BufferedImage bi;
        try {
            bi = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file + ": corrupt or truncated image: " + e.getMessage(), e);
        }
        if (bi == null || bi.getWidth() <= 0 || bi.getHeight() <= 0) {
            throw new InvalidInputException(file + ": corrupt or unsupported image (no decoder could read it)");
        }
        return new ImagePlus(file.getFileName().toString(), bi);
    }
}
