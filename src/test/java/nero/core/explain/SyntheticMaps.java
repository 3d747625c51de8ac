package nero.core.explain;

import java.util.Random;

/** Feature maps for tests: an in-distribution texture, and the same with a known out-of-distribution patch. */
final class SyntheticMaps {
    static final int D = 8;
    static final int H = 7;
    static final int W = 7;
    static final int PATCH_Y = 5;
    static final int PATCH_X = 1;
    static final int[] PATCH_NEURONS = {2, 5};

    private SyntheticMaps() {
    }

    static FeatureMap inDistribution(long seed) {
        Random rnd = new Random(seed);
        float[] a = new float[D * H * W];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1f + 0.1f * (float) rnd.nextGaussian();
        }
        return new FeatureMap(D, H, W, a);
    }

    static FeatureMap withOodPatch(long seed) {
        FeatureMap m = inDistribution(seed);
        float[] a = m.values();
        for (int j : PATCH_NEURONS) {
            a[(j * H + PATCH_Y) * W + PATCH_X] += 20f;
        }
        return m;
    }

    /** A stable-softmax LRP stand-in: R_j = g_j · h_j with fixed positive g, plus a bias column. */
    static double[] relevance(FeatureMap map) {
        double[] h = map.pooled();
        double[] r = new double[D + 1];
        for (int j = 0; j < D; j++) {
            r[j] = (0.05 + 0.01 * j) * h[j];
        }
        r[D] = 0.1;
        return r;
    }
}
