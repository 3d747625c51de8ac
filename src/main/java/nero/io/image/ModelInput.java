package nero.io.image;

import ij.ImagePlus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nero.io.DecodeMode;

/**
 * The pixels a model sees of an image file. By default a JPEG at least four times the model input per side is decoded
 * at reduced DCT size ({@link ReducedJpeg}: a half to an eighth per side, keeping twice the input size) and the
 * antialiased resize does the rest: decode + resize CPU drops by about a third on 1280×1024 and 1920×1072 endoscopy
 * frames, and the real MobileNetV2's features differ from torchvision's pipeline by 1.1 % on average, 2.7 % at most
 * (relative L1; docs/inputs.md gives the measured pixel differences). Smaller JPEGs and other formats are decoded as
 * before. In the exact mode every image is decoded at full size, as Pillow does, and the resized pixels equal
 * torchvision's exactly. The mode is the detector's ({@link DecodeMode}: recorded at fit, used by every path).
 *
 * <p>Every consumer of a file's model input gets the same pixels: {@link nero.io.SourceItem#readForModel} for a score,
 * {@link nero.io.SourceItem#readPixels} for an explanation (which also needs the full image to draw on).
 */
public final class ModelInput {
    /** {@code -Dnero.decode=exact} (Pillow-identical, slower) or {@code reduced} (the default): {@link DecodeMode}. */
    public static final String MODE_PROPERTY = DecodeMode.PROPERTY;

    private ModelInput() {
    }

    /** Whether {@code -Dnero.decode} asks for images decoded at full size (the Pillow-identical path). */
    public static boolean exact() {
        return DecodeMode.configured() == DecodeMode.EXACT;
    }

    /** A JPEG file decoded for a model input of {@code width × height}: reduced where possible, else in full. */
    public static ImagePlus read(Path file, int width, int height) {
        return read(file, width, height, DecodeMode.configured());
    }

    /** As {@link #read(Path, int, int)}, in the given mode. */
    public static ImagePlus read(Path file, int width, int height, DecodeMode mode) {
        ImagePlus reduced = reduced(file, width, height, mode);
        return reduced != null ? reduced : PlainImageReader.read(file);
    }

    /**
     * The file decoded at reduced size for a model input of {@code width × height}; null when only the full image
     * will do (not a large enough JPEG, or the exact mode).
     */
    public static ImagePlus reduced(Path file, int width, int height) {
        return reduced(file, width, height, DecodeMode.configured());
    }

    /** As {@link #reduced(Path, int, int)}, in the given mode. */
    public static ImagePlus reduced(Path file, int width, int height, DecodeMode mode) {
        return mode == DecodeMode.EXACT ? null : reduce(file, width, height);
    }

    private static ImagePlus reduce(Path file, int width, int height) {
        byte[] bytes;
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 64) {
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            return null; // the full reader reports the problem
        }
        return ReducedJpeg.decode(bytes, width, height, file.getFileName().toString());
    }
}
