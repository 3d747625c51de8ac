package nero.io;

import ij.ImagePlus;
import ij.io.Opener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
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
