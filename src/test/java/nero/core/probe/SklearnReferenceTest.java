package nero.core.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import nero.core.HeadWeights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probe solves scikit-learn's problem: LogisticRegression(C, solver="lbfgs", multinomial) on StandardScaler
 * output, fitted by tools/make_probe_fixtures.py (and re-checked against scikit-learn by
 * tools/tests/test_probe_reference.py). Same predictions; coefficients and intercepts within 1e-3.
 */
class SklearnReferenceTest {
    private static final double TOLERANCE = 1e-3;

    @ParameterizedTest
    @ValueSource(strings = {"overlapping", "wide"})
    void matchesScikitLearn(String caseName) throws IOException {
        ProbeFixtures.Labelled data = ProbeFixtures.features(caseName);
        JsonObject expected = ProbeFixtures.expected(caseName);
        double c = expected.get("C").getAsDouble();

        SoftmaxRegression.Fit fit = SoftmaxRegression.fit(data.features(), data.labels(), data.classes(), c);

        assertTrue(fit.converged(), "largest gradient entry " + fit.gradient());
        JsonArray coefficients = expected.getAsJsonArray("coefficients");
        JsonArray intercepts = expected.getAsJsonArray("intercepts");
        double worst = 0;
        for (int k = 0; k < data.classes(); k++) {
            JsonArray row = coefficients.get(k).getAsJsonArray();
            for (int j = 0; j < row.size(); j++) {
                worst = Math.max(worst, Math.abs(fit.coefficients()[k][j] - row.get(j).getAsDouble()));
            }
            worst = Math.max(worst, Math.abs(fit.intercepts()[k] - intercepts.get(k).getAsDouble()));
        }
        assertTrue(worst <= TOLERANCE, caseName + ": largest coefficient difference from scikit-learn " + worst);

        int[] expectedPredictions = new int[data.features().length];
        int[] predictions = new int[data.features().length];
        int[] headPredictions = new int[data.features().length];
        HeadWeights head = fit.head();
        for (int i = 0; i < predictions.length; i++) {
            expectedPredictions[i] = expected.getAsJsonArray("predictions").get(i).getAsInt();
            predictions[i] = fit.predict(data.features()[i]);
            headPredictions[i] = argmax(logits(head, data.features()[i]));
        }
        assertArrayEquals(expectedPredictions, predictions, caseName + ": predictions");
        assertArrayEquals(expectedPredictions, headPredictions, caseName + ": predictions of the raw-feature head");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wide"})
    void constantFeaturesGetNoWeight(String caseName) throws IOException {
        ProbeFixtures.Labelled data = ProbeFixtures.features(caseName);
        SoftmaxRegression.Fit fit = SoftmaxRegression.fit(data.features(), data.labels(), data.classes(), 0.05);
        for (int k = 0; k < data.classes(); k++) {
            assertEquals(0.0, fit.coefficients()[k][7], 0.0, "feature 7 is 0 in every row");
            assertEquals(0.0, fit.head().weight()[k][42], 0.0, "feature 42 is 0 in every row");
        }
    }

    static double[] logits(HeadWeights head, float[] h) {
        double[] z = new double[head.classes()];
        for (int k = 0; k < z.length; k++) {
            z[k] = head.bias()[k];
            for (int j = 0; j < h.length; j++) {
                z[k] += (double) head.weight()[k][j] * h[j];
            }
        }
        return z;
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }
}
