package nero.core;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Relevance of the penultimate neurons at the classification head, as the NERO authors compute it: LRP over the
 * last linear layer for every class, mixed with the softmax of the model's logits, with the bias as an extra
 * neuron of constant activation 1 (last column). With ε = 0:
 * {@code R_j = h_j · Σ_c p_c W_cj / logit_c} and {@code R_bias = Σ_c p_c b_c / logit_c}, so Σ R = 1.
 * The denominators are recomputed from the head ({@code W·h + b}), as the authors' {@code z.sum()} does; the
 * softmax weights come from the model's logits.
 */
public final class Relevance {
    private Relevance() {
    }

    /** N×(D+1) relevance with the authors' rule (ε = 0). */
    public static float[][] compute(FeatureSet samples, HeadWeights head) {
        return compute(samples, head, RelevanceRule.authors());
    }

    public static float[][] compute(FeatureSet samples, HeadWeights head, RelevanceRule rule) {
        float[][] out = new float[samples.size()][];
        IntStream.range(0, samples.size()).parallel().forEach(i -> {
            double[] r = compute(samples.features()[i], samples.logits()[i], head, rule, samples.ids()[i]);
            float[] f = new float[r.length];
            for (int j = 0; j < r.length; j++) {
                f[j] = (float) r[j];
            }
            out[i] = f;
        });
        return out;
    }

    /**
     * Why NERO cannot score this sample (non-finite or all-zero features, a zero class logit under the rule), or
     * null: the per-sample refusals of {@link #compute}, as a reason, so a batch can report and skip the sample.
     */
    public static String problem(float[] features, float[] logits, HeadWeights head, RelevanceRule rule) {
        try {
            computeInto(features, logits, head, rule, "", new double[head.dimension() + 1]);
            return null;
        } catch (InvalidInputException e) {
            String m = e.getMessage();
            return m.startsWith("sample : ") ? m.substring("sample : ".length()) : m;
        }
    }

    /** Relevance of one sample, D+1 values (last = bias neuron). */
    public static double[] computeOne(float[] features, float[] logits, HeadWeights head, RelevanceRule rule) {
        return compute(features, logits, head, rule, "(unnamed)");
    }

    static double[] compute(float[] h, float[] logits, HeadWeights head, RelevanceRule rule, String id) {
        double[] out = new double[head.dimension() + 1];
        computeInto(h, logits, head, rule, id, out);
        return out;
    }

    /** Writes the D+1 relevances into {@code out}; refuses NaN/Inf, all-zero features and zero denominators. */
    static void computeInto(float[] h, float[] logits, HeadWeights head, RelevanceRule rule, String id,
            double[] out) {
        int d = head.dimension();
        int c = head.classes();
        InputChecks.length(h, d, "the feature vector", id);
        InputChecks.length(logits, c, "the logit vector", id);
        InputChecks.finite(h, "feature", id);
        InputChecks.finite(logits, "logit", id);
        InputChecks.notAllZero(h, id);
        double[] p = Softmax.of(logits);
        float[][] w = head.weight();
        float[] b = head.bias();
        double[] g = new double[c];
        double biasRelevance = 0;
        for (int k = 0; k < c; k++) {
            double z = b[k];
            float[] wk = w[k];
            for (int j = 0; j < d; j++) {
                z += (double) wk[j] * h[j];
            }
            double zd = rule.denominator(z);
            if (Math.abs(zd) < InputChecks.ZERO_LOGIT) {
                throw new InvalidInputException("sample " + id + ": logit of class " + k + " is " + z
                        + " (zero), so its relevance is undefined (NERO's LRP divides by every class's logit)");
            }
            g[k] = p[k] / zd;
            biasRelevance += g[k] * b[k];
        }
        Arrays.fill(out, 0, d, 0.0);
        for (int k = 0; k < c; k++) {
            double gk = g[k];
            float[] wk = w[k];
            for (int j = 0; j < d; j++) {
                out[j] += gk * wk[j];
            }
        }
        for (int j = 0; j < d; j++) {
            out[j] *= h[j];
        }
        out[d] = biasRelevance;
    }
}
