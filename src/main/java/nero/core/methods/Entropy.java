package nero.core.methods;

import nero.core.Softmax;

/** Predictive entropy {@code −Σ p log p} with p clipped to ≥ 1e-6 in both factors, not renormalised. */
final class Entropy extends PostHocMethod {
    static final double CLIP = 1e-6;

    @Override
    double scoreOne(float[] h, float[] logits) {
        double s = 0;
        for (double p : Softmax.of(logits)) {
            double q = Math.max(p, CLIP);
            s -= q * Math.log(q);
        }
        return s;
    }
}
