package nero.io;

import ij.ImagePlus;
import ij.io.Opener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import nero.core.InvalidInputException;

/** JPEG, PNG, TIFF, BMP and GIF files through ImageJ 1 (headless), with ImageIO as the fallback. */
final class PlainImageReader {
    private PlainImageReader() {
    }

    static ImagePlus read(Path file) {
        FileKind kind = FileKind.of(file);
        if (kind != FileKind.IMAGE) {
            throw new InvalidInputException(file + ": not an image file this reader knows (JPEG, PNG, TIFF, BMP, GIF)");
        }
        checkDimensions(file);
        ImagePlus imp = null;
        try {
            imp = new Opener().openImage(file.toString());
        } catch (RuntimeException e) {
            // fall through to ImageIO, which reports its own error
        }
        if (imp == null || imp.getWidth() <= 0 || imp.getHeight() <= 0) {
            imp = readWithImageIo(file);
        }
        imp.setTitle(file.getFileName().toString());
        return imp;
    }

    /** Largest accepted image, in pixels (an RGB image this size takes 1 GiB as ImageJ ints). */
    static final long MAX_PIXELS = 1L << 28;

    /** Reads the size from the header (no pixels decoded) and refuses images too large to decode in memory. */
    private static void checkDimensions(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return; // no header reader: the decoders below report the problem
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || w * h > MAX_PIXELS) {
                    throw new InvalidInputException(file + ": image size " + w + "x" + h + " is empty or too large (at most "
                            + MAX_PIXELS + " pixels)");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            // an unreadable header is reported by the decoders below with their own message
        }
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
