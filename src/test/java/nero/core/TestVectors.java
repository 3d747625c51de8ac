package nero.core;

import java.util.Arrays;

/** Inputs of the reference test vectors TV1, TV2, TV4 and TV5 (../shared/reference/nero-method.md §7). */
public final class TestVectors {
    private TestVectors() {
    }

    static final HeadWeights TV1_HEAD = new HeadWeights(
            new float[][] {{0.5f, -1.0f, 0.3f, 0.25f}, {-0.2f, 0.4f, 1.0f, 0.1f}}, new float[] {0.1f, -0.3f});
    static final float[] TV1_H = {1.0f, 0.5f, 0.0f, 2.0f};

    static final HeadWeights TV2_HEAD = new HeadWeights(new float[][] {
            {0.8f, -0.5f, 0.3f, 0.0f, 0.6f, -0.2f}, {-0.4f, 0.7f, -0.1f, 0.5f, -0.3f, 0.4f}},
            new float[] {0.2f, -0.1f});
    static final float[][] TV2_TRAIN = {
            {1.2f, 0.1f, 0.5f, 0.2f, 0.9f, 0.0f},
            {0.9f, 0.3f, 0.4f, 0.1f, 1.1f, 0.2f},
            {1.5f, 0.0f, 0.7f, 0.3f, 0.8f, 0.1f},
            {0.1f, 1.3f, 0.2f, 0.9f, 0.0f, 0.8f},
            {0.2f, 1.1f, 0.1f, 1.2f, 0.2f, 0.6f},
            {0.0f, 1.4f, 0.3f, 0.8f, 0.1f, 1.0f}};
    static final int[] TV2_LABELS = {0, 0, 0, 1, 1, 1};
    static final float[][] TV2_VALID = {{1.1f, 0.2f, 0.6f, 0.2f, 1.0f, 0.1f}, {0.2f, 1.2f, 0.2f, 1.0f, 0.1f, 0.7f}};
    static final float[][] TV2_OOD = {{0.6f, 0.6f, 0.9f, 0.5f, 0.4f, 0.5f}, {0.9f, 0.9f, 0.1f, 0.2f, 0.9f, 0.9f}};
    static final float[] TV2_FRAGILE_ROW4 = {0.3f, 1.0f, 0.1f, 1.2f, 0.2f, 0.6f};

    static final HeadWeights TV4_HEAD = new HeadWeights(new float[][] {
            {0.5f, -0.2f, 0.1f, 0.4f}, {-0.3f, 0.6f, 0.2f, -0.1f}, {0.1f, 0.1f, -0.5f, 0.3f}},
            new float[] {0.1f, 0.0f, -0.2f});
    static final float[] TV4_H = {0.5f, 1.5f, 0.0f, 2.0f};

    static final HeadWeights TV5_HEAD = new HeadWeights(
            new float[][] {{1.0f, -0.8f, 0.2f, -0.5f}, {-0.9f, 1.1f, -0.1f, 0.6f}}, new float[] {0.05f, -0.05f});
    static final float[][] TV5_TRAIN = {
            {1.0f, 0.2f, 0.5f, 0.1f}, {1.2f, 0.1f, 0.4f, 0.3f}, {0.9f, 0.4f, 0.6f, 0.2f}, {1.1f, 0.3f, 0.3f, 0.0f},
            {0.2f, 1.1f, 0.1f, 0.7f}, {0.1f, 0.9f, 0.3f, 0.9f}, {0.3f, 1.2f, 0.2f, 0.6f}, {0.0f, 1.0f, 0.4f, 0.8f}};
    static final int[] TV5_LABELS = {0, 0, 0, 0, 1, 1, 1, 1};
    static final float[][] TV5_VALID = {{1.0f, 0.3f, 0.5f, 0.2f}, {0.2f, 1.0f, 0.2f, 0.8f}};
    static final float[][] TV5_OOD = {{0.6f, 0.6f, 0.9f, 0.5f}, {1.5f, 1.5f, 0.0f, 0.0f}};

    /** Logits W·h + b computed in double from the float inputs, as the model would give them. */
    public static float[][] logits(HeadWeights head, float[][] features) {
        float[][] out = new float[features.length][head.classes()];
        for (int i = 0; i < features.length; i++) {
            for (int c = 0; c < head.classes(); c++) {
                double z = head.bias()[c];
                for (int j = 0; j < head.dimension(); j++) {
                    z += (double) head.weight()[c][j] * features[i][j];
                }
                out[i][c] = (float) z;
            }
        }
        return out;
    }

    public static FeatureSet set(HeadWeights head, float[][] features, int[] labels) {
        String[] ids = new String[features.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "s" + i;
        }
        return new FeatureSet(ids, features, logits(head, features), labels);
    }

    public static FeatureSet set(HeadWeights head, float[][] features) {
        int[] labels = new int[features.length];
        Arrays.fill(labels, -1);
        return set(head, features, labels);
    }

    static void assertRelative(double expected, double actual, double tolerance, String what) {
        double scale = Math.max(Math.abs(expected), 1e-12);
        if (Math.abs(expected - actual) / scale > tolerance && Math.abs(expected - actual) > 1e-12) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual + " (relative error "
                    + Math.abs(expected - actual) / scale + ")");
        }
    }

    static void assertRelative(double[] expected, double[] actual, double tolerance, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": length " + actual.length + ", expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            assertRelative(expected[i], actual[i], tolerance, what + "[" + i + "]");
        }
    }
}
