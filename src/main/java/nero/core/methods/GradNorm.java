package nero.core.methods;

import nero.core.Softmax;

/**
 * GradNorm in closed form: with L = Σ_c −log softmax_c, ∂L/∂W_cj = (C·p_c − 1)·h_j, so the score is
 * {@code −(Σ_c |C·p_c − 1|)·‖h‖₁}.
 */
final class GradNorm extends PostHocMethod {
    @Override
    double scoreOne(float[] h, float[] logits) {
        double[] p = Softmax.of(logits);
        double g = 0;
        for (double pc : p) {
            g += Math.abs(p.length * pc - 1);
        }
        double norm = 0;
        for (float x : h) {
            norm += Math.abs(x);
        }
        return -g * norm;
    }
}
