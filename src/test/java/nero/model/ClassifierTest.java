package nero.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nero.core.HeadWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClassifierTest {
    private static final int SAMPLE = 3 * 64 * 64;
    private static Classifier tiny;
    private static JsonObject expected;

    @BeforeAll
    static void load() throws Exception {
        tiny = Classifier.load(Fixtures.model("tiny-cnn.pt"));
        expected = Fixtures.expected();
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    @Test
    void infoComesFromTheSidecar() {
        ModelInfo info = tiny.info();
        assertEquals(List.of("polyp", "normal-cecum", "normal-pylorus", "esophagitis", "ulcerative-colitis"),
                info.classNames());
        assertEquals(64, info.preprocessing().width());
        assertEquals(64, info.preprocessing().height());
        assertEquals(192, info.featureDim());
        assertEquals(5, info.numClasses());
        assertTrue(info.hasFeatureMap());
        assertEquals(nero.core.methods.ModelFamily.OTHER_CNN, info.family());
        assertEquals(64, info.sha256().length());
        HeadWeights head = tiny.head();
        assertEquals(5, head.classes());
        assertEquals(192, head.dimension());
    }

    @Test
    void logitsAndFeaturesEqualPyTorchs() {
        float[][] x = Fixtures.fixedInputs(2, SAMPLE);
        ModelOutputs out = tiny.run(pack(x), 2, false);
        assertRowsClose(expected.getAsJsonArray("logits"), out.logits(), 1e-4);
        assertRowsClose(expected.getAsJsonArray("features"), out.features(), 1e-4);
        assertNull(out.featureMap());
        assertRowsClose(expected.getAsJsonArray("logits"), tiny.logits(x), 1e-4);
    }

    @Test
    void featureMapMeanIsFeaturesAndHeadGivesLogits() {
        float[][] x = Fixtures.fixedInputs(2, SAMPLE);
        ModelOutputs withMap = tiny.run(pack(x), 2, true);
        assertEquals(8, withMap.mapHeight());
        assertEquals(8, withMap.mapWidth());
        assertEquals(2 * 192 * 64, withMap.featureMap().length);
        double sum = 0;
        for (float v : withMap.featureMap()) {
            sum += v;
        }
        assertEquals(expected.get("feature_map_sum").getAsDouble(), sum, 1e-3);
        float[][] mean = Classifier.spatialMean(withMap.featureMap(), 2, 192, 64);
        ModelOutputs plain = tiny.run(pack(x), 2, false);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(plain.features()[i], mean[i], 1e-4f);
            assertArrayEquals(plain.logits()[i], Classifier.applyHead(tiny.head(), mean)[i], 1e-4f);
        }
    }

    @Test
    void inputGradientEqualsPyTorchs() {
        float[][] x = Fixtures.fixedInputs(2, SAMPLE);
        JsonArray targetsJson = expected.getAsJsonArray("gradient_targets");
        int[] targets = {targetsJson.get(0).getAsInt(), targetsJson.get(1).getAsInt()};
        double temperature = expected.get("gradient_temperature").getAsDouble();
        float[][] g = tiny.inputGradient(x, targets, temperature);
        double absSum = 0;
        for (float[] row : g) {
            for (float v : row) {
                absSum += Math.abs(v);
            }
        }
        double expectedAbs = expected.get("gradient_abs_sum").getAsDouble();
        assertEquals(expectedAbs, absSum, 1e-4 * expectedAbs);
        JsonArray first = expected.getAsJsonArray("gradient_first_values");
        double scale = Math.abs(first.get(0).getAsDouble()) + 1e-12;
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).getAsDouble(), g[0][i], 1e-3 * scale + 1e-12, "gradient value " + i);
        }
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        float[][] x = Fixtures.fixedInputs(1, SAMPLE);
        int[] target = {2};
        double temperature = 1.0;
        float[][] g = tiny.inputGradient(x, target, temperature);
        // directional derivative along the unit gradient direction d: (L(x+hd) − L(x−hd)) / 2h ≈ g·d = |g|
        double norm = 0;
        for (float v : g[0]) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        float[] d = new float[SAMPLE];
        double predicted = 0;
        for (int i = 0; i < SAMPLE; i++) {
            d[i] = (float) (g[0][i] / norm);
            predicted += g[0][i] * d[i];
        }
        double h = 0.005; // converges to the analytic value as h → 0 (0.4 % off at this h)
        double numeric = (loss(shift(x[0], d, h), 2) - loss(shift(x[0], d, -h), 2)) / (2 * h);
        assertEquals(numeric, predicted, 0.03 * Math.abs(numeric));
    }

    @Test
    void gradientTimesInputSumsLikePyTorch() {
        float[] x = Fixtures.fixedInputs(1, SAMPLE)[0];
        float[] map = tiny.gradientTimesInput(x, 2);
        double sum = 0;
        for (float v : map) {
            sum += v;
        }
        double expectedSum = expected.get("logit2_gradient_times_input_sum").getAsDouble();
        assertEquals(expectedSum, sum, 1e-4 * Math.max(1, Math.abs(expectedSum)));
    }

    @Test
    void gradientsLeaveBatchNormInEvalMode() {
        float[][] x = Fixtures.fixedInputs(2, SAMPLE);
        tiny.inputGradient(x, new int[] {0, 1}, 1.0);
        tiny.gradientTimesInput(x[1], 4);
        assertRowsClose(expected.getAsJsonArray("logits"), tiny.logits(x), 1e-4);
    }

    @Test
    void concurrentInferenceAndGradientsGiveTheSameResults() throws Exception {
        float[][] x = Fixtures.fixedInputs(2, SAMPLE);
        float[][] reference = tiny.inputGradient(x, new int[] {1, 3}, 10.0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[][]>> gradients = new ArrayList<>();
            List<Future<float[][]>> logits = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                gradients.add(pool.submit(() -> tiny.inputGradient(x, new int[] {1, 3}, 10.0)));
                logits.add(pool.submit(() -> tiny.logits(x)));
            }
            for (Future<float[][]> f : gradients) {
                assertArrayEquals(reference[0], f.get()[0], 1e-6f);
            }
            for (Future<float[][]> f : logits) {
                assertRowsClose(expected.getAsJsonArray("logits"), f.get(), 1e-4);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void realMobileNetWithoutSidecarGetsDefaults() {
        try (Classifier mobilenet = Classifier.load(Fixtures.shared("models", "mobilenetv2-imagenet-nero.pt"))) {
            ModelInfo info = mobilenet.info();
            assertEquals(1000, info.numClasses());
            assertEquals(1280, info.featureDim());
            assertTrue(info.hasFeatureMap());
            assertEquals(224, info.preprocessing().width());
            assertEquals("class0", info.classNames().get(0));
            assertEquals("class999", info.classNames().get(999));
            assertFalse(info.sha256().isEmpty());
        }
    }

    private static double loss(float[] x, int target) {
        float[] logits = tiny.logits(new float[][] {x})[0];
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        return -(logits[target] - max - Math.log(sum));
    }

    private static float[] shift(float[] x, float[] d, double h) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] + h * d[i]);
        }
        return y;
    }

    static float[] pack(float[][] rows) {
        float[] packed = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, packed, i * rows[0].length, rows[0].length);
        }
        return packed;
    }

    private static void assertRowsClose(JsonArray expectedRows, float[][] actual, double tolerance) {
        assertEquals(expectedRows.size(), actual.length);
        for (int i = 0; i < actual.length; i++) {
            JsonArray row = expectedRows.get(i).getAsJsonArray();
            assertEquals(row.size(), actual[i].length);
            for (int j = 0; j < row.size(); j++) {
                assertEquals(row.get(j).getAsDouble(), actual[i][j], tolerance, "row " + i + " column " + j);
            }
        }
    }
}
