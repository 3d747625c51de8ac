package nero.core;

/**
 * At most {@code max} training samples (evenly strided, deterministic) with their relevance projected onto the
 * first two PCA components, for a 2-D scatter view.
 *
 * @param points m×2 (a second coordinate of 0 when the PCA has one component)
 */
public record TrainingScatter(float[][] points, int[] labels) {
    public static final int DEFAULT_MAX = 2000;

    public static TrainingScatter sample(NeroDetector detector, FeatureSet train, int max) {
        int n = train.size();
        int m = Math.min(n, max);
        float[][] points = new float[m][2];
        int[] labels = new int[m];
        for (int t = 0; t < m; t++) {
            int i = (int) ((long) t * n / m);
            double[] r = Relevance.compute(train.features()[i], train.logits()[i], detector.head(),
                    detector.parameters().rule(), train.ids()[i]);
            double[] y = detector.project(r);
            points[t][0] = (float) y[0];
            points[t][1] = y.length > 1 ? (float) y[1] : 0f;
            labels[t] = train.labels()[i];
        }
        return new TrainingScatter(points, labels);
    }
}
