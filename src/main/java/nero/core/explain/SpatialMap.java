package nero.core.explain;

import java.util.Arrays;
import nero.core.InvalidInputException;

/**
 * A single-channel map of {@code height × width} values, row-major ({@code values[y * width + x]}).
 * The array is not copied: treat it as read-only.
 */
public record SpatialMap(int height, int width, double[] values) {
    public SpatialMap {
        if (height <= 0 || width <= 0 || values.length != height * width) {
            throw new InvalidInputException("spatial map of " + height + "×" + width + " cannot hold "
                    + values.length + " values");
        }
    }

    public double get(int y, int x) {
        return values[y * width + x];
    }

    public double sum() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    public double min() {
        return Arrays.stream(values).min().orElse(0);
    }

    public double max() {
        return Arrays.stream(values).max().orElse(0);
    }

    /** Flat index of the largest value. */
    public int argMax() {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Bilinear resize to {@code newHeight × newWidth}, sampling at pixel centres (PyTorch's
     * {@code interpolate(mode="bilinear", align_corners=False)}), so a cell of the feature map covers the
     * image region it was computed from.
     */
    public SpatialMap resizeBilinear(int newHeight, int newWidth) {
        if (newHeight <= 0 || newWidth <= 0) {
            throw new InvalidInputException("cannot resize a map to " + newHeight + "×" + newWidth);
        }
        double[] out = new double[newHeight * newWidth];
        double sy = (double) height / newHeight;
        double sx = (double) width / newWidth;
        int[] x0 = new int[newWidth];
        int[] x1 = new int[newWidth];
        double[] fx = new double[newWidth];
        for (int x = 0; x < newWidth; x++) {
            double src = clamp((x + 0.5) * sx - 0.5, width - 1);
            x0[x] = (int) Math.floor(src);
            x1[x] = Math.min(x0[x] + 1, width - 1);
            fx[x] = src - x0[x];
        }
        for (int y = 0; y < newHeight; y++) {
            double src = clamp((y + 0.5) * sy - 0.5, height - 1);
            int y0 = (int) Math.floor(src);
            int y1 = Math.min(y0 + 1, height - 1);
            double fy = src - y0;
            int r0 = y0 * width;
            int r1 = y1 * width;
            int o = y * newWidth;
            for (int x = 0; x < newWidth; x++) {
                double top = values[r0 + x0[x]] * (1 - fx[x]) + values[r0 + x1[x]] * fx[x];
                double bottom = values[r1 + x0[x]] * (1 - fx[x]) + values[r1 + x1[x]] * fx[x];
                out[o + x] = top * (1 - fy) + bottom * fy;
            }
        }
        return new SpatialMap(newHeight, newWidth, out);
    }

    private static double clamp(double v, double hi) {
        return Math.max(0, Math.min(hi, v));
    }
}
