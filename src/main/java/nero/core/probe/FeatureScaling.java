package nero.core.probe;

/**
 * Per-feature standardisation {@code (x − mean) / scale}, with scale = the population standard deviation, or 1 for
 * a feature that is constant over the training rows (as scikit-learn's {@code StandardScaler} does). The probe is
 * fitted on standardised features so that its one regularisation parameter means the same for any backbone, and
 * the result is folded back into a head on the raw features.
 */
public record FeatureScaling(double[] mean, double[] scale) {

    /** Mean and scale of the given rows of {@code x}, accumulated in double in row order. */
    static FeatureScaling fit(float[][] x, int[] rows) {
        int d = x[rows[0]].length;
        double[] mean = new double[d];
        for (int i : rows) {
            float[] xi = x[i];
            for (int j = 0; j < d; j++) {
                mean[j] += xi[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows.length;
        }
        double[] var = new double[d];
        for (int i : rows) {
            float[] xi = x[i];
            for (int j = 0; j < d; j++) {
                double v = xi[j] - mean[j];
                var[j] += v * v;
            }
        }
        double[] scale = new double[d];
        double eps = Math.ulp(1.0);
        for (int j = 0; j < d; j++) {
            double v = var[j] / rows.length;
            // constant up to the rounding of the mean (scikit-learn's test): no scaling
            double roundingBound = rows.length * Math.abs(mean[j]) * eps;
            scale[j] = v > roundingBound * roundingBound ? Math.sqrt(v) : 1;
        }
        return new FeatureScaling(mean, scale);
    }

    public int dimension() {
        return mean.length;
    }
}
