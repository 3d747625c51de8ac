package nero.core.methods;

import nero.core.Softmax;

/** Negative free energy {@code −log Σ exp(l_c)} (T = 1), with a stable log-sum-exp (same value as the naive one). */
final class Energy extends PostHocMethod {
    @Override
    double scoreOne(float[] h, float[] logits) {
        return -Softmax.logSumExp(logits);
    }
}
