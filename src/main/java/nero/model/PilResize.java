package nero.model;

import java.util.Arrays;

/**
 * Antialiased bilinear resampling of 8-bit channels, computed the way Pillow's {@code Image.resize(size,
 * BILINEAR)} does (what torchvision's {@code Resize} runs on PIL images): a triangle filter widened by the
 * downscale factor, separable, horizontal pass first, fixed-point weights with 22 fractional bits and rounding
 * to 8 bits after each pass. Facts from Pillow's Resample.c; the code is ours.
 *
 * <p>Both passes walk memory in order: the horizontal pass reads packed RGB once and filters the three channels
 * together into interleaved rows, and the vertical pass adds whole weighted rows (a loop the JIT vectorises).
 * That keeps the resize of a 1–2 megapixel frame small beside the JPEG decode and the inference.
 */
final class PilResize {
    static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private PilResize() {
    }

    /** One channel, values 0..255, row-major {@code width×height} → {@code outWidth×outHeight}. */
    static int[] resize(int[] in, int width, int height, int outWidth, int outHeight) {
        int[] rows = width == outWidth ? in : horizontalGrey(in, width, height, outWidth);
        if (height == outHeight) {
            return rows == in ? in.clone() : rows;
        }
        return vertical(rows, outWidth, height, outHeight);
    }

    /** Packed (A)RGB → the resized R, G and B planes, each {@code outWidth×outHeight} row-major, values 0..255. */
    static int[][] resizeRgb(int[] argb, int width, int height, int outWidth, int outHeight) {
        int[] rows = width == outWidth ? unpack(argb) : horizontalRgb(argb, width, height, outWidth);
        int[] interleaved = height == outHeight ? rows : vertical(rows, 3 * outWidth, height, outHeight);
        int area = outWidth * outHeight;
        int[][] planes = new int[3][area];
        for (int i = 0, j = 0; i < area; i++, j += 3) {
            planes[0][i] = interleaved[j];
            planes[1][i] = interleaved[j + 1];
            planes[2][i] = interleaved[j + 2];
        }
        return planes;
    }

    private static int[] horizontalGrey(int[] in, int width, int height, int outWidth) {
        Coefficients k = Coefficients.of(width, outWidth);
        int[] out = new int[outWidth * height];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int o = 0; o < outWidth; o++) {
                int first = row + k.start[o];
                int base = o * k.size;
                int sum = HALF;
                for (int j = 0; j < k.count[o]; j++) {
                    sum += in[first + j] * k.weight[base + j];
                }
                out[y * outWidth + o] = clip8(sum);
            }
        }
        return out;
    }

    /** Rows of interleaved R, G, B values ({@code 3 × outWidth} per row). */
    private static int[] horizontalRgb(int[] argb, int width, int height, int outWidth) {
        Coefficients k = Coefficients.of(width, outWidth);
        int[] out = new int[3 * outWidth * height];
        int o3 = 0;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int o = 0; o < outWidth; o++, o3 += 3) {
                int first = row + k.start[o];
                int base = o * k.size;
                int r = HALF;
                int g = HALF;
                int b = HALF;
                for (int j = 0; j < k.count[o]; j++) {
                    int v = argb[first + j];
                    int w = k.weight[base + j];
                    r += (v >> 16 & 0xff) * w;
                    g += (v >> 8 & 0xff) * w;
                    b += (v & 0xff) * w;
                }
                out[o3] = clip8(r);
                out[o3 + 1] = clip8(g);
                out[o3 + 2] = clip8(b);
            }
        }
        return out;
    }

    private static int[] unpack(int[] argb) {
        int[] out = new int[3 * argb.length];
        for (int i = 0, j = 0; i < argb.length; i++, j += 3) {
            int v = argb[i];
            out[j] = v >> 16 & 0xff;
            out[j + 1] = v >> 8 & 0xff;
            out[j + 2] = v & 0xff;
        }
        return out;
    }

    /** Resamples along y: each output row is a weighted sum of whole input rows of {@code rowLength} values. */
    private static int[] vertical(int[] in, int rowLength, int height, int outHeight) {
        Coefficients k = Coefficients.of(height, outHeight);
        int[] out = new int[rowLength * outHeight];
        int[] sum = new int[rowLength];
        for (int o = 0; o < outHeight; o++) {
            Arrays.fill(sum, HALF);
            int base = o * k.size;
            for (int j = 0; j < k.count[o]; j++) {
                int w = k.weight[base + j];
                int row = (k.start[o] + j) * rowLength;
                for (int x = 0; x < rowLength; x++) {
                    sum[x] += in[row + x] * w;
                }
            }
            int outRow = o * rowLength;
            for (int x = 0; x < rowLength; x++) {
                out[outRow + x] = clip8(sum[x]);
            }
        }
        return out;
    }

    private static int clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** Per output pixel: first input index, number of taps and fixed-point weights. */
    static final class Coefficients {
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
