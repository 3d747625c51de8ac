package nero.model;

/**
 * Test oracle: the plain one-channel, column-by-column passes of {@link PilResize} (its first version), kept to
 * check that the fused multi-channel passes give bit-identical values. The filter weights are PilResize's own; what
 * is checked is the order of the sums, the rounding after each pass and the channel handling.
 */
final class ReferencePilResize {
    private static final int PRECISION_BITS = PilResize.PRECISION_BITS;

    private ReferencePilResize() {
    }

    /** One channel, values 0..255, row-major {@code width×height} → {@code outWidth×outHeight}. */
    static int[] resize(int[] in, int width, int height, int outWidth, int outHeight) {
        int[] horizontal = width == outWidth ? in : pass(in, width, height, outWidth, true);
        return height == outHeight ? horizontal.clone() : pass(horizontal, outWidth, height, outHeight, false);
    }

    /** Resamples along x (rows keep their count) or along y (columns keep their count). */
    private static int[] pass(int[] in, int width, int height, int outSize, boolean alongX) {
        int inSize = alongX ? width : height;
        PilResize.Coefficients k = PilResize.Coefficients.of(inSize, outSize);
        int lines = alongX ? height : width;
        int outWidth = alongX ? outSize : width;
        int[] out = new int[alongX ? outSize * height : width * outSize];
        for (int line = 0; line < lines; line++) {
            for (int o = 0; o < outSize; o++) {
                int start = k.start[o];
                int base = o * k.size;
                int sum = 1 << (PRECISION_BITS - 1);
                for (int j = 0; j < k.count[o]; j++) {
                    int index = alongX ? line * width + start + j : (start + j) * width + line;
                    sum += in[index] * k.weight[base + j];
                }
                int value = clip8(sum);
                if (alongX) {
                    out[line * outWidth + o] = value;
                } else {
                    out[o * outWidth + line] = value;
                }
            }
        }
        return out;
    }

    private static int clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
