package nero.io.dicom;

/**
 * 8-bit Y, Cb, Cr samples of DICOM's YBR photometric interpretations (PS3.3 C.7.6.3.1.2) to packed 0xRRGGBB.
 * <ul>
 * <li>YBR_FULL, YBR_FULL_422: the inverse of the standard's full-range equations as JPEG's ITU T.871 §7 writes it,
 * R = Y + 1.402 (Cr − 128), G = Y − 0.114·1.772/0.587 (Cb − 128) − 0.299·1.402/0.587 (Cr − 128),
 * B = Y + 1.772 (Cb − 128): what pydicom's {@code convert_color_space} computes.</li>
 * <li>YBR_PARTIAL_422, YBR_PARTIAL_420: the inverse of the standard's studio-range equations
 * (Y = .2568 R + .5041 G + .0979 B + 16, Cb = −.1482 R − .2910 G + .4392 B + 128,
 * Cr = .4392 R − .3678 G − .0714 B + 128), inverted here from those very coefficients.</li>
 * </ul>
 * Each result is rounded to the nearest integer (halves up, as pydicom's floor(x + 0.5)) and clipped to 0..255.
 */
final class YbrToRgb {
    private static final double[][] FULL = {
        {1, 0, 1.402},
        {1, -0.114 * 1.772 / 0.587, -0.299 * 1.402 / 0.587},
        {1, 1.772, 0}};
    private static final double[][] PARTIAL = invert(new double[][] {
        {.2568, .5041, .0979},
        {-.1482, -.2910, .4392},
        {.4392, -.3678, -.0714}});

    private YbrToRgb() {
    }

    /** YBR_FULL and YBR_FULL_422. */
    static int full(int y, int cb, int cr) {
        return apply(FULL, y, cb - 128, cr - 128);
    }

    /** YBR_PARTIAL_422 and YBR_PARTIAL_420. */
    static int partial(int y, int cb, int cr) {
        return apply(PARTIAL, y - 16, cb - 128, cr - 128);
    }

    private static int apply(double[][] m, int a, int b, int c) {
        int r = channel(m[0][0] * a + m[0][1] * b + m[0][2] * c);
        int g = channel(m[1][0] * a + m[1][1] * b + m[1][2] * c);
        int bl = channel(m[2][0] * a + m[2][1] * b + m[2][2] * c);
        return r << 16 | g << 8 | bl;
    }

    private static int channel(double v) {
        double rounded = Math.floor(v + 0.5);
        return rounded < 0 ? 0 : rounded > 255 ? 255 : (int) rounded;
    }

    /** The inverse of a 3 × 3 matrix (cofactors over the determinant). */
    static double[][] invert(double[][] m) {
        double[][] cof = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double[] r0 = m[(i + 1) % 3];
                double[] r1 = m[(i + 2) % 3];
                cof[i][j] = r0[(j + 1) % 3] * r1[(j + 2) % 3] - r0[(j + 2) % 3] * r1[(j + 1) % 3];
            }
        }
        double det = m[0][0] * cof[0][0] + m[0][1] * cof[0][1] + m[0][2] * cof[0][2];
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                inv[i][j] = cof[j][i] / det;
            }
        }
        return inv;
    }
}
