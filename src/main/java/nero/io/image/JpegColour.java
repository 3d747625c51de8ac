package nero.io.image;

/**
 * JPEG (JFIF) YCbCr planes to packed RGB the way libjpeg does it, and so the way Pillow shows a JPEG: "fancy"
 * (triangle-filter) chroma upsampling for 4:2:2 and 4:2:0, then the integer YCbCr→RGB conversion with 16-bit
 * fixed-point tables rounded as libjpeg rounds them. Facts from libjpeg's jdsample.c/jdcolor.c; the code is ours.
 * Used for planes that FFmpeg's JPEG decoder gives at reduced size (it has no RGB output of its own for them).
 */
final class JpegColour {
    private static final int SCALE_BITS = 16;
    private static final int ONE_HALF = 1 << (SCALE_BITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];
    /** Clamps −384..639 to 0..255 without branches (libjpeg's range-limit table), indexed with an offset of 384. */
    private static final int[] LIMIT = new int[1024];
    private static final int LIMIT_OFFSET = 384;

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALE_BITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALE_BITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
        for (int i = 0; i < LIMIT.length; i++) {
            LIMIT[i] = Math.max(0, Math.min(255, i - LIMIT_OFFSET));
        }
    }

    private JpegColour() {
    }

    private static int fix(double x) {
        return (int) (x * (1L << SCALE_BITS) + 0.5);
    }

    /**
     * Packed opaque RGB from full-resolution Y and chroma planes of {@code chromaW × chromaH} samples, each
     * subsampled by {@code hFactor} across and {@code vFactor} down (1 or 2 each), row-major without padding.
     */
    static int[] toRgb(byte[] y, byte[] cb, byte[] cr, int width, int height, int chromaW, int chromaH, int hFactor,
            int vFactor) {
        byte[] cbFull = upsample(cb, chromaW, chromaH, hFactor, vFactor, width, height);
        byte[] crFull = upsample(cr, chromaW, chromaH, hFactor, vFactor, width, height);
        int n = width * height;
        int[] rgb = new int[n];
        for (int i = 0; i < n; i++) {
            int luma = y[i] & 0xff;
            int b = cbFull[i] & 0xff;
            int r = crFull[i] & 0xff;
            rgb[i] = 0xff000000 | red(luma, r) << 16 | green(luma, b, r) << 8 | blue(luma, b);
        }
        return rgb;
    }

    /** libjpeg's red from one Y and Cr sample (0..255 each). */
    static int red(int luma, int cr) {
        return LIMIT[luma + LIMIT_OFFSET + CR_R[cr]];
    }

    /** libjpeg's green from one Y, Cb and Cr sample. */
    static int green(int luma, int cb, int cr) {
        return LIMIT[luma + LIMIT_OFFSET + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS)];
    }

    /** libjpeg's blue from one Y and Cb sample. */
    static int blue(int luma, int cb) {
        return LIMIT[luma + LIMIT_OFFSET + CB_B[cb]];
    }

    /** A chroma plane brought to {@code width × height}; null factors other than 1 and 2 are refused. */
    static byte[] upsample(byte[] c, int cw, int ch, int hFactor, int vFactor, int width, int height) {
        if (hFactor == 1 && vFactor == 1) {
            return crop(c, cw, width, height);
        }
        if (hFactor == 2 && vFactor == 1) {
            byte[] wide = new byte[2 * cw * ch];
            for (int row = 0; row < ch; row++) {
                h2v1Row(c, row * cw, cw, wide, row * 2 * cw);
            }
            return crop(wide, 2 * cw, width, height);
        }
        if (hFactor == 2 && vFactor == 2) {
            return crop(h2v2(c, cw, ch), 2 * cw, width, height);
        }
        throw new IllegalArgumentException("chroma subsampling " + hFactor + "x" + vFactor);
    }

    /** libjpeg's h2v1 fancy upsampling: each new sample is ¾ of the nearer and ¼ of the further original. */
    private static void h2v1Row(byte[] in, int at, int n, byte[] out, int to) {
        if (n == 1) {
            out[to] = in[at];
            out[to + 1] = in[at];
            return;
        }
        int first = in[at] & 0xff;
        out[to] = (byte) first;
        out[to + 1] = (byte) ((first * 3 + (in[at + 1] & 0xff) + 2) >> 2);
        for (int col = 1; col < n - 1; col++) {
            int v = (in[at + col] & 0xff) * 3;
            out[to + 2 * col] = (byte) ((v + (in[at + col - 1] & 0xff) + 1) >> 2);
            out[to + 2 * col + 1] = (byte) ((v + (in[at + col + 1] & 0xff) + 2) >> 2);
        }
        int last = in[at + n - 1] & 0xff;
        out[to + 2 * n - 2] = (byte) ((last * 3 + (in[at + n - 2] & 0xff) + 1) >> 2);
        out[to + 2 * n - 1] = (byte) last;
    }

    /**
     * libjpeg's h2v2 fancy upsampling: vertically ¾ nearer row + ¼ further row (the edge rows repeat), then the same
     * triangle across, with the rounding biases libjpeg alternates (8 and 7) to avoid a drift.
     */
    private static byte[] h2v2(byte[] in, int cw, int ch) {
        int ow = 2 * cw;
        byte[] out = new byte[ow * 2 * ch];
        int[] sums = new int[cw];
        for (int row = 0; row < ch; row++) {
            for (int half = 0; half < 2; half++) {
                int neighbour = half == 0 ? Math.max(0, row - 1) : Math.min(ch - 1, row + 1);
                for (int col = 0; col < cw; col++) {
                    sums[col] = (in[row * cw + col] & 0xff) * 3 + (in[neighbour * cw + col] & 0xff);
                }
                int to = (2 * row + half) * ow;
                if (cw == 1) {
                    out[to] = (byte) ((sums[0] * 4 + 8) >> 4);
                    out[to + 1] = (byte) ((sums[0] * 4 + 7) >> 4);
                    continue;
                }
                out[to] = (byte) ((sums[0] * 4 + 8) >> 4);
                out[to + 1] = (byte) ((sums[0] * 3 + sums[1] + 7) >> 4);
                for (int col = 1; col < cw - 1; col++) {
                    out[to + 2 * col] = (byte) ((sums[col] * 3 + sums[col - 1] + 8) >> 4);
                    out[to + 2 * col + 1] = (byte) ((sums[col] * 3 + sums[col + 1] + 7) >> 4);
                }
                out[to + 2 * cw - 2] = (byte) ((sums[cw - 1] * 3 + sums[cw - 2] + 8) >> 4);
                out[to + 2 * cw - 1] = (byte) ((sums[cw - 1] * 4 + 7) >> 4);
            }
        }
        return out;
    }

    private static byte[] crop(byte[] plane, int planeW, int width, int height) {
        if (planeW == width && plane.length == width * height) {
            return plane;
        }
        byte[] out = new byte[width * height];
        for (int row = 0; row < height; row++) {
            System.arraycopy(plane, row * planeW, out, row * width, width);
        }
        return out;
    }
}
