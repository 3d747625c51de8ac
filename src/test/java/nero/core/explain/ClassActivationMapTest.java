package nero.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import nero.core.HeadWeights;
import org.junit.jupiter.api.Test;

class ClassActivationMapTest {
    @Test
    void eachClassMapSumsToItsLogitMinusBias() {
        Random rnd = new Random(11);
        int d = 12;
        int classes = 3;
        float[][] w = new float[classes][d];
        float[] b = new float[classes];
        for (int c = 0; c < classes; c++) {
            b[c] = (float) rnd.nextGaussian();
            for (int j = 0; j < d; j++) {
                w[c][j] = (float) rnd.nextGaussian();
            }
        }
        float[] a = new float[d * 4 * 3];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextDouble();
        }
        FeatureMap fm = new FeatureMap(d, 4, 3, a);
        double[] h = fm.pooled();
        HeadWeights head = new HeadWeights(w, b);
        for (int c = 0; c < classes; c++) {
            double logit = b[c];
            for (int j = 0; j < d; j++) {
                logit += w[c][j] * h[j];
            }
            assertEquals(logit - b[c], ClassActivationMap.of(fm, head, c).sum(), 1e-5);
        }
    }
}
