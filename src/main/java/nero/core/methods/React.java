package nero.core.methods;

import nero.core.HeadWeights;
import nero.core.Softmax;

/** Energy of logits recomputed from features clipped from above at a fixed c (0.9 ResNet-18, else 0.99). */
final class React extends PostHocMethod {
    private final double clip;

    React(double clip) {
        this.clip = clip;
    }

    public String key() { return "react"; }
    public String title() { return "Energy+ReAct"; }
    public String reference() { return "Sun et al., NeurIPS 2021, arXiv:2111.12797 (fixed clip as in the NERO code)"; }

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
