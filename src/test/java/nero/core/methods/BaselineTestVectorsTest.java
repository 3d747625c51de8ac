package nero.core.methods;

import static nero.core.TestVectors.set;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import nero.core.DifferentiableClassifier;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.Softmax;
import nero.core.TestVectors;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** TV4 and TV5 of the reference (§7), to 1e-6 relative. */
class BaselineTestVectorsTest {
    private static final double TOL = 1e-6;

    static final HeadWeights TV4_HEAD = new HeadWeights(new float[][] {
            {0.5f, -0.2f, 0.1f, 0.4f}, {-0.3f, 0.6f, 0.2f, -0.1f}, {0.1f, 0.1f, -0.5f, 0.3f}},
            new float[] {0.1f, 0.0f, -0.2f});
    static final float[] TV4_H = {0.5f, 1.5f, 0.0f, 2.0f};
    static final float[] TV4_LOGITS = {0.85f, 0.55f, 0.60f};

    static final HeadWeights TV5_HEAD = new HeadWeights(
            new float[][] {{1.0f, -0.8f, 0.2f, -0.5f}, {-0.9f, 1.1f, -0.1f, 0.6f}}, new float[] {0.05f, -0.05f});
    static final float[][] TV5_TRAIN = {
            {1.0f, 0.2f, 0.5f, 0.1f}, {1.2f, 0.1f, 0.4f, 0.3f}, {0.9f, 0.4f, 0.6f, 0.2f}, {1.1f, 0.3f, 0.3f, 0.0f},
            {0.2f, 1.1f, 0.1f, 0.7f}, {0.1f, 0.9f, 0.3f, 0.9f}, {0.3f, 1.2f, 0.2f, 0.6f}, {0.0f, 1.0f, 0.4f, 0.8f}};
    static final int[] TV5_LABELS = {0, 0, 0, 0, 1, 1, 1, 1};
    static final float[][] TV5_VALID = {{1.0f, 0.3f, 0.5f, 0.2f}, {0.2f, 1.0f, 0.2f, 0.8f}};
    static final float[][] TV5_OOD = {{0.6f, 0.6f, 0.9f, 0.5f}, {1.5f, 1.5f, 0.0f, 0.0f}};

    static void assertRelative(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double rel = Math.abs(expected[i] - actual[i]) / Math.max(Math.abs(expected[i]), 1e-12);
            assertTrue(rel <= tol, what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i]);
        }
    }

    private static double tv4(String key, ModelFamily family) {
        OodMethod m = OodMethods.create(key, family);
        m.fit(set(TV4_HEAD, new float[][] {TV4_H}), TV4_HEAD);
        return m.score(new FeatureSet(new String[] {"x"}, new float[][] {TV4_H}, new float[][] {TV4_LOGITS},
                new int[] {-1}))[0];
    }

    @Test
    void tv4LogitAndFeatureBaselines() {
        assertRelative(new double[] {-0.3968854015}, new double[] {tv4("msp", ModelFamily.RESNET18)}, TOL, "MSP");
        assertRelative(new double[] {-0.85}, new double[] {tv4("maxlogit", ModelFamily.RESNET18)}, TOL, "MaxLogit");
        assertRelative(new double[] {-1.7741077011}, new double[] {tv4("energy", ModelFamily.RESNET18)}, TOL, "Energy");
        assertRelative(new double[] {1.0895873476}, new double[] {tv4("entropy", ModelFamily.RESNET18)}, TOL, "Entropy");
        assertRelative(new double[] {-1.4545297536}, new double[] {tv4("react", ModelFamily.RESNET18)}, TOL, "ReAct 0.9");
        assertRelative(new double[] {-1.4862934103}, new double[] {tv4("react", ModelFamily.VIT)}, TOL, "ReAct 0.99");
        assertRelative(new double[] {-1.5252496367}, new double[] {tv4("gradnorm", ModelFamily.RESNET18)}, TOL,
                "GradNorm");
    }

    /** logits = W·x + b with its analytic input gradient, as in TV4. */
    static final class LinearClassifier implements DifferentiableClassifier {
        final HeadWeights head;

        LinearClassifier(HeadWeights head) {
            this.head = head;
        }

        @Override
        public float[][] logits(float[][] inputs) {
            return TestVectors.logits(head, inputs);
        }

        @Override
        public float[][] inputGradient(float[][] inputs, int[] targets, double temperature) {
            float[][] z = logits(inputs);
            float[][] g = new float[inputs.length][head.dimension()];
            for (int i = 0; i < inputs.length; i++) {
                float[] scaled = new float[z[i].length];
                for (int c = 0; c < scaled.length; c++) {
                    scaled[c] = (float) (z[i][c] / temperature);
                }
                double[] p = Softmax.of(scaled);
                for (int c = 0; c < p.length; c++) {
                    double coef = (p[c] - (c == targets[i] ? 1 : 0)) / temperature / inputs.length;
                    for (int j = 0; j < head.dimension(); j++) {
                        g[i][j] += (float) (coef * head.weight()[c][j]);
                    }
                }
            }
            return g;
        }
    }

    @Test
    void tv4Odin() {
        LinearClassifier model = new LinearClassifier(TV4_HEAD);
        float[][] grad = model.inputGradient(new float[][] {TV4_H}, new int[] {0}, Odin.TEMPERATURE);
        assertRelative(new double[] {-0.0039959987, 0.0036628878, -0.0016657210, -0.0019978328},
                new double[] {grad[0][0], grad[0][1], grad[0][2], grad[0][3]}, 1e-5, "gradient");
        float[][] perturbed = Odin.perturbedLogits(model, new float[][] {TV4_H}, Odin.TEMPERATURE, Odin.EPSILON);
        FeatureSet s = new FeatureSet(new String[] {"x"}, new float[][] {TV4_H}, new float[][] {TV4_LOGITS},
                new int[] {-1}).withExtra(FeatureSet.ODIN_LOGITS, perturbed);
        OodMethod odin = OodMethods.create("odin", ModelFamily.RESNET18);
        assertEquals(OodMethods.Needs.INPUT_GRADIENTS, OodMethods.entry("odin").needs());
        odin.fit(s, TV4_HEAD);
        assertRelative(new double[] {-0.3339466079}, odin.score(s), TOL, "ODIN");
        assertRelative(new double[] {-0.3339447173}, new double[] {Odin.score(TV4_LOGITS, Odin.TEMPERATURE)}, TOL,
                "unperturbed");
    }

    @Test
    void odinWithoutPerturbedLogitsIsRefused() {
        OodMethod odin = OodMethods.create("odin", ModelFamily.RESNET18);
        odin.fit(set(TV4_HEAD, new float[][] {TV4_H}), TV4_HEAD);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> odin.score(set(TV4_HEAD, new float[][] {TV4_H})));
        assertTrue(e.getMessage().contains(FeatureSet.ODIN_LOGITS));
    }

    private static double[][] tv5(OodMethod m) {
        m.fit(set(TV5_HEAD, TV5_TRAIN, TV5_LABELS), TV5_HEAD);
        return new double[][] {m.score(set(TV5_HEAD, TV5_VALID)), m.score(set(TV5_HEAD, TV5_OOD))};
    }

    @Test
    void tv5Mahalanobis() {
        double[][] s = tv5(OodMethods.create("mahalanobis", ModelFamily.RESNET18));
        assertRelative(new double[] {1.4174932372, 0.8187556357}, s[0], TOL, "ID");
        assertRelative(new double[] {68.3967538323, 320.0541027953}, s[1], TOL, "OOD");
    }

    @Test
    void tv5Vim() {
        Vim vim = (Vim) OodMethods.create("vim", ModelFamily.RESNET18);
        double[][] s = tv5(vim);
        assertRelative(new double[] {-0.0337937839, 0.0111001480, -0.0101134682, 0.0106068081}, vim.origin(), TOL, "u");
        assertRelative(new double[] {6.0167460939}, new double[] {vim.alpha()}, TOL, "alpha");
        assertRelative(new double[] {-0.6201403695, -0.8088325427}, s[0], TOL, "ID");
        assertRelative(new double[] {2.2389229793, 5.5713270323}, s[1], TOL, "OOD");
        assertEquals(256, Vim.principalDimension(512));
        assertEquals(192, Vim.principalDimension(384));
        assertEquals(512, Vim.principalDimension(768));
        assertEquals(1000, Vim.principalDimension(2048));
    }

    @Test
    void tv5NecoBothPaths() {
        double[][] cnn = tv5(new Neco(false, 2));
        assertRelative(new double[] {-0.9984593597, -0.9897313963}, cnn[0], TOL, "ResNet ID");
        assertRelative(new double[] {-0.9796553176, -0.8037458562}, cnn[1], TOL, "ResNet OOD");
        double[][] vit = tv5(new Neco(true, 2));
        assertRelative(new double[] {-1.2051092483, -1.9174261574}, vit[0], TOL, "DeiT ID");
        assertRelative(new double[] {-0.7549529233, -0.5199969945}, vit[1], TOL, "DeiT OOD");
    }

    @Test
    void knnIsDistanceToKthNearestNormalisedTrainingFeature() {
        float[][] train = {{1, 0}, {0, 1}, {1, 1}};
        FeatureSet t = set(new HeadWeights(new float[][] {{1, 0}, {0, 1}}, new float[] {0, 0}), train);
        Knn knn = new Knn(2);
        knn.fit(t, null);
        // query (2,0) normalises to (1,0): distances 0, sqrt(2), sqrt(2-sqrt2)
        double[] s = knn.score(FeatureSet.unlabelled(new float[][] {{2, 0}}, new float[][] {{1, 0}}));
        assertEquals(Math.sqrt(2 - Math.sqrt(2)), s[0], 1e-6);
        Knn big = new Knn(50);
        big.fit(t, null);
        assertEquals(3, big.effectiveK(), "k is clamped to N");
        assertEquals(Math.sqrt(2), big.score(FeatureSet.unlabelled(new float[][] {{2, 0}}, new float[][] {{1, 0}}))[0],
                1e-6);
    }
}
