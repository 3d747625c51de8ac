package nero.core.explain;

import nero.core.InvalidInputException;

/**
 * The last convolutional feature map of one image, {@code D × h × w} row-major
 * ({@code values[(j * h + y) * w + x]}), whose spatial mean is the pooled feature vector {@code h_j}.
 * The array is not copied: treat it as read-only.
 */
public record FeatureMap(int channels, int height, int width, float[] values) {
    public FeatureMap {
        if (channels <= 0 || height <= 0 || width <= 0 || (long) channels * height * width != values.length) {
            throw new InvalidInputException("feature map of " + channels + "×" + height + "×" + width
                    + " cannot hold " + values.length + " values");
        }
    }

    /** Sample {@code n} of a batch laid out {@code N × D × h × w}. */
    public static FeatureMap ofBatch(float[] batch, int n, int channels, int height, int width) {
        int size = channels * height * width;
        if ((long) (n + 1) * size > batch.length) {
            throw new InvalidInputException("feature map batch of " + batch.length + " values has no sample " + n);
        }
        float[] one = new float[size];
        System.arraycopy(batch, n * size, one, 0, size);
        return new FeatureMap(channels, height, width, one);
    }

    public int locations() {
        return height * width;
    }

    public float get(int channel, int y, int x) {
        return values[(channel * height + y) * width + x];
    }

    /** Global average pooling: the feature vector the classifier head sees. */
    public double[] pooled() {
        int hw = locations();
        double[] out = new double[channels];
        for (int j = 0; j < channels; j++) {
            double s = 0;
            for (int i = j * hw, end = i + hw; i < end; i++) {
                s += values[i];
            }
            out[j] = s / hw;
        }
        return out;
    }
}
