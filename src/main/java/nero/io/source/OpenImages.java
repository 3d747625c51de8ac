package nero.io.source;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.Opener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import nero.io.DecodeMode;
import nero.io.FileKind;
import nero.io.LazyItem;
import nero.io.SourceItem;

/**
 * An image open in ImageJ, as an item to score: one image, one score. An image that is exactly what ImageJ reads from
 * the file its file info names (the same size, type and pixels as reading that file again) is that file, so it is
 * read again through the same reader as the command line: the same pixels (Pillow's rules: a PNG's alpha dropped,
 * not composited onto white as ImageJ shows it; a TIFF turned upright by its Orientation tag) and the same decode
 * mode (a large JPEG at reduced size when the detector was fitted so). Any other image (changed since it was opened,
 * made in ImageJ, a stack, a DICOM object, opened from a URL) is scored as it is, with its pixels as ImageJ holds them.
 * The item keeps the image's title as its id.
 */
public final class OpenImages {
    private OpenImages() {
    }

    /** The item for {@code image}: its file's when it is an unchanged reading of an image file, else itself. */
    public static SourceItem item(ImagePlus image) {
        Path file = unchangedFile(image);
        SourceItem shown = LazyItem.decoded(image.getTitle(), null, Map.of("source", "imagej"), image);
        return file == null ? shown : new FromFile(image.getTitle(), new ImageFileItem(file, null), file);
    }

    /** The still-image file {@code image} is an unchanged reading of, or null. */
    public static Path unchangedFile(ImagePlus image) {
        if (image == null || image.getStackSize() != 1 || image.getProcessor() == null) {
            return null;
        }
        FileInfo info = image.getOriginalFileInfo();
        if (info == null || info.directory == null || info.fileName == null
                || (info.url != null && !info.url.isBlank())) {
            return null;
        }
        Path file;
        try {
            file = Path.of(info.directory, info.fileName).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file) || FileKind.of(file) != FileKind.IMAGE) {
                return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
        return sameAsOnDisk(image, file) ? file : null;
    }

    /** Whether ImageJ, reading {@code file} again, gets exactly {@code image}'s pixels. */
    private static boolean sameAsOnDisk(ImagePlus image, Path file) {
        ImagePlus disk;
        try {
            IJ.redirectErrorMessages();
            disk = new Opener().openImage(file.getParent().toString(), file.getFileName().toString());
        } catch (RuntimeException e) {
            return false;
        }
        if (disk == null || disk.getStackSize() != 1 || disk.getWidth() != image.getWidth()
                || disk.getHeight() != image.getHeight() || disk.getType() != image.getType()) {
            return false;
        }
        Object a = image.getProcessor().getPixels();
        Object b = disk.getProcessor().getPixels();
        return a instanceof byte[] x && b instanceof byte[] y ? Arrays.equals(x, y)
                : a instanceof short[] x2 && b instanceof short[] y2 ? Arrays.equals(x2, y2)
                : a instanceof int[] x3 && b instanceof int[] y3 ? Arrays.equals(x3, y3)
                : a instanceof float[] x4 && b instanceof float[] y4 && Arrays.equals(x4, y4);
    }

    /** An open image read again from its file, under the image's title. */
    private record FromFile(String id, SourceItem file, Path path) implements SourceItem {
        @Override
        public String label() {
            return null;
        }

        @Override
        public Map<String, String> metadata() {
            return Map.of("source", "imagej", "file", path.toString());
        }

        @Override
        public ImagePlus read() {
            return file.read();
        }

        @Override
        public ImagePlus readForModel(int width, int height, DecodeMode mode) {
            return file.readForModel(width, height, mode);
        }

        @Override
        public Pixels readPixels(int width, int height, DecodeMode mode) {
            return file.readPixels(width, height, mode);
        }
    }
}
