package nero.model;

import java.util.Arrays;
import java.util.List;
import nero.core.Preprocessing;

/**
 * Preprocessed images in the layout every model takes: {@code n} RGB images of {@code height×width}, image after
 * image, each channel-planar (NCHW, row-major: value {@code [i][c][y][x]} at
 * {@code ((i·3 + c)·height + y)·width + x}).
 */
public record InputBatch(float[] values, int n, int height, int width) {
    public static final int CHANNELS = 3;

    public InputBatch {
        if (n <= 0 || height <= 0 || width <= 0 || values.length != (long) n * CHANNELS * height * width) {
            throw new IllegalArgumentException("expected " + n + "×" + CHANNELS + "×" + height + "×" + width
                    + " values, got " + values.length);
        }
    }

    /** Packs images of {@code 3×height×width} values each. */
    public static InputBatch of(float[][] images, int height, int width) {
        return padded(Arrays.asList(images), images.length, height, width);
    }

    /** One image of the preprocessing's size. */
    public static InputBatch of(float[] chw, Preprocessing p) {
        return new InputBatch(chw, 1, p.height(), p.width());
    }

    /** {@code images} followed by blank (all-zero) images up to {@code rows} rows. */
    public static InputBatch padded(List<float[]> images, int rows, int height, int width) {
        int sampleSize = CHANNELS * height * width;
        float[] packed = new float[Math.max(rows, images.size()) * sampleSize];
        for (int i = 0; i < images.size(); i++) {
            float[] image = images.get(i);
            if (image.length != sampleSize) {
                throw new IllegalArgumentException("input " + i + " has " + image.length + " values, the model takes "
                        + CHANNELS + "×" + height + "×" + width);
            }
            System.arraycopy(image, 0, packed, i * sampleSize, sampleSize);
        }
        return new InputBatch(packed, packed.length / sampleSize, height, width);
    }

    /** Values per image. */
    public int sampleSize() {
        return CHANNELS * height * width;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) as a batch of their own. */
    public InputBatch rows(int from, int to) {
        return new InputBatch(Arrays.copyOfRange(values, from * sampleSize(), to * sampleSize()), to - from, height,
                width);
    }

    /** The shape as the engines take it. */
    public long[] shape() {
        return new long[] {n, CHANNELS, height, width};
    }
}
