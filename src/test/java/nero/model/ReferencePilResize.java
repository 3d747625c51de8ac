package nero.model;

/**
 * Test oracle: the plain one-channel, column-by-column form of {@link PilResize} (its first version), kept to check
 * that the fused multi-channel passes give bit-identical values. Antialiased bilinear resampling of 8-bit
 * channels, computed the way Pillow's {@code Image.resize(size, BILINEAR)} does (what torchvision's
 * {@code Resize} runs on PIL images): a triangle filter widened by the downscale factor, separable, horizontal pass first, fixed-point weights with 22 fractional bits and rounding
 * to 8 bits after each pass. Facts from Pillow's Resample.c; the code is ours.
 */
final class ReferencePilResize {
    private static final int PRECISION_BITS = 32 - 8 - 2;

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
        Coefficients k = Coefficients.of(inSize, outSize);
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

    /** Per output pixel: first input index, number of taps and fixed-point weights. */
    private static final class Coefficients {
        final int size;
        final int[] start;
        final int[] count;
        final int[] weight;

        private Coefficients(int size, int outSize) {
            this.size = size;
            this.start = new int[outSize];
            this.count = new int[outSize];
            this.weight = new int[size * outSize];
        }

        static Coefficients of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // the bilinear filter's support is 1
            int size = (int) Math.ceil(support) * 2 + 1;
            Coefficients c = new Coefficients(size, outSize);
            double[] w = new double[size];
            for (int o = 0; o < outSize; o++) {
                double center = (o + 0.5) * scale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), inSize) - min;
                double total = 0;
                for (int j = 0; j < max; j++) {
                    w[j] = triangle((j + min - center + 0.5) / filterScale);
                    total += w[j];
                }
                for (int j = 0; j < max; j++) {
                    double normalised = total == 0 ? w[j] : w[j] / total;
                    c.weight[o * size + j] = (int) (normalised * (1 << PRECISION_BITS) + (normalised < 0 ? -0.5 : 0.5));
                }
                c.start[o] = min;
                c.count[o] = max;
            }
            return c;
        }

        private static double triangle(double x) {
            double a = Math.abs(x);
            return a < 1 ? 1 - a : 0;
        }
    }
}
