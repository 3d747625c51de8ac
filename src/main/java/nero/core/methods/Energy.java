package nero.core.methods;

import nero.core.Softmax;

/** Negative free energy {@code −log Σ exp(l_c)} (T = 1), with a stable log-sum-exp (same value as the naive one). */
final class Energy extends PostHocMethod {
    public String key() { return "energy"; }
    public String title() { return "Energy"; }
    public String reference() { return "Liu et al., NeurIPS 2020, arXiv:2010.03759"; }

    @Override
    double scoreOne(float[] h, float[] logits) {
        return -Softmax.logSumExp(logits);
    }
}
