package nero.core.methods;

import nero.core.HeadWeights;
import nero.core.Softmax;

/** Energy of logits recomputed from features clipped from above at a fixed c (0.9 ResNet-18, else 0.99). */
final class React extends PostHocMethod {
    private final double clip;

    React(double clip) {
        this.clip = clip;
    }

    @Override
    double scoreOne(float[] h, float[] logits) {
        HeadWeights w = requireHead();
        double[] z = new double[w.classes()];
        for (int c = 0; c < z.length; c++) {
            double s = w.bias()[c];
            float[] row = w.weight()[c];
            for (int j = 0; j < h.length; j++) {
                s += row[j] * Math.min(h[j], clip);
            }
            z[c] = s;
        }
        return -Softmax.logSumExp(z);
    }
}
