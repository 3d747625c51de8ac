package nero.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import nero.core.HeadWeights;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A classifier with another linear head on its features (the linear probe): logits and input gradients. */
class ReplacementHeadTest {
    private static final int SAMPLE = 3 * 64 * 64;
    private static Classifier tiny;

    @BeforeAll
    static void load() {
        tiny = Classifier.load(Fixtures.model("tiny-cnn.pt"));
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    @Test
    void theModelsOwnHeadAsAReplacementGivesTheSameLogitsAndGradients() {
        Classifier same = tiny.withHead(new HeadWeights(tiny.head().weight(), tiny.head().bias()));
        float[][] x = Fixtures.fixedInputs(2, SAMPLE);
        float[][] expectedLogits = tiny.logits(x);
        float[][] logits = same.logits(x);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(expectedLogits[i], logits[i], 0f);
        }
        // the replacement path differentiates `features` and applies the head outside the model
        float[][] expected = ClassifierTest.gradients(tiny).inputGradient(x, new int[] {1, 3}, 10.0);
        float[][] g = ClassifierTest.gradients(same).inputGradient(x, new int[] {1, 3}, 10.0);
        assertClose(expected, g, 1e-4);
        assertClose(new float[][] {ClassifierTest.gradients(tiny).gradientTimesInput(x[0], 2)}, new float[][] {ClassifierTest.gradients(same).gradientTimesInput(x[0], 2)},
                1e-4);
    }

    @Test
    void anotherHeadGivesItsOwnLogitsAndGradients() {
        HeadWeights probe = randomHead(3, tiny.head().dimension(), 7);
        Classifier probed = tiny.withHead(probe);
        assertEquals(3, probed.head().classes());
        float[][] x = Fixtures.fixedInputs(2, SAMPLE);
        ModelOutputs out = probed.run(InputBatch.of(x, 64, 64), false);
        float[][] expected = HeadMath.applyHead(probe, out.features());
        for (int i = 0; i < 2; i++) {
            assertEquals(3, out.logits()[i].length);
            assertArrayEquals(expected[i], out.logits()[i], 0f);
        }
        // the gradient of the probe's cross-entropy differs from the model head's and predicts a finite difference
        float[][] g = ClassifierTest.gradients(probed).inputGradient(new float[][] {x[0]}, new int[] {2}, 1.0);
        double norm = 0;
        for (float v : g[0]) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        assertTrue(norm > 0);
        float[] plus = x[0].clone();
        float[] minus = x[0].clone();
        double h = 0.005;
        for (int i = 0; i < SAMPLE; i++) {
            plus[i] += (float) (h * g[0][i] / norm);
            minus[i] -= (float) (h * g[0][i] / norm);
        }
        double numeric = (loss(probed, plus, 2) - loss(probed, minus, 2)) / (2 * h);
        assertEquals(numeric, norm, 0.03 * Math.abs(numeric));
        assertThrows(IllegalArgumentException.class, () -> ClassifierTest.gradients(probed).gradientTimesInput(x[0], 3), "3 classes");
    }

    @Test
    void aHeadForOtherFeaturesIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> tiny.withHead(randomHead(3, 10, 1)));
        assertTrue(e.getMessage().contains("takes 10 features") && e.getMessage().contains("gives 192"),
                e.getMessage());
    }

    private static double loss(Classifier c, float[] x, int target) {
        float[] z = c.logits(new float[][] {x})[0];
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : z) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum) - z[target];
    }

    private static HeadWeights randomHead(int classes, int d, long seed) {
        Random r = new Random(seed);
        float[][] w = new float[classes][d];
        float[] b = new float[classes];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < d; j++) {
                w[k][j] = (float) (r.nextGaussian() * 0.3);
            }
            b[k] = (float) r.nextGaussian();
        }
        return new HeadWeights(w, b);
    }

    private static void assertClose(float[][] expected, float[][] actual, double relative) {
        double scale = 0;
        for (float[] row : expected) {
            for (float v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], relative * scale, "row " + i + " value " + j);
            }
        }
    }
}
