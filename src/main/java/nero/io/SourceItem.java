package nero.io;

import ij.ImagePlus;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One image or still to score: where it came from, its class label if known, and a way to read its pixels.
 * {@link #read()} may be called from a worker thread (files decode lazily, so decoding runs in parallel).
 */
public interface SourceItem {
    /** What the readers append to a file's path in an item's id; a '#' elsewhere belongs to the path. */
    Pattern ITEM_SUFFIX = Pattern.compile("#(frame=\\d+(@t=-?[0-9.]+s)?|truncated)$");

    /** Traces the row back: the file path, plus {@code #frame=N} / {@code @t=1.234s} for DICOM frames and video stills. */
    String id();

    /** The file an item id names: the id without its {@code #frame=N@t=…s} or {@code #truncated} suffix. */
    static String fileOf(String id) {
        return ITEM_SUFFIX.matcher(id).replaceFirst("");
    }

    /** Ground-truth class folder name for ImageFolder trees, or null. */
    String label();

    /** Non-identifying metadata (frame index, time, transfer syntax…); never patient attributes. */
    Map<String, String> metadata();

    /** Decoded pixels; throws {@link nero.core.InvalidInputException} naming the file and the problem. */
    ImagePlus read();

    /**
     * Pixels for a model that shrinks the image to {@code width × height}: with {@link DecodeMode#REDUCED}, a file may
     * give a smaller image than {@link #read()} (never smaller than that size), decoded faster; see
     * {@link nero.io.image.ModelInput}. Same errors as {@link #read()}.
     */
    default ImagePlus readForModel(int width, int height, DecodeMode mode) {
        return read();
    }

    /** {@link #readForModel(int, int, DecodeMode)} in the mode {@code -Dnero.decode} sets. */
    default ImagePlus readForModel(int width, int height) {
        return readForModel(width, height, DecodeMode.configured());
    }

    /**
     * The item's pixels twice over, for what needs both (an explanation draws on the full image and explains what
     * the model saw): {@link #read()} and {@link #readForModel}, the same image unless the reader decodes the model
     * a smaller one. Same errors as {@link #read()}.
     */
    default Pixels readPixels(int width, int height, DecodeMode mode) {
        ImagePlus full = read();
        return new Pixels(full, full);
    }

    /** {@link #readPixels(int, int, DecodeMode)} in the mode {@code -Dnero.decode} sets. */
    default Pixels readPixels(int width, int height) {
        return readPixels(width, height, DecodeMode.configured());
    }

    /** An image as decoded in full, and what a model sees of it (the same image, or a smaller decode of it). */
    record Pixels(ImagePlus full, ImagePlus forModel) {
        /** An image the model sees as it is (an image open in ImageJ). */
        public static Pixels of(ImagePlus image) {
            return new Pixels(image, image);
        }
    }
}
