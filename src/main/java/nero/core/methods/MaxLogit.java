package nero.core.methods;

import nero.core.Softmax;

/** Maximum logit, negated. */
final class MaxLogit extends PostHocMethod {
    public String key() { return "maxlogit"; }
    public String title() { return "MaxLogit"; }
    public String reference() { return "Hendrycks et al., ICML 2022, arXiv:1911.11132"; }

    @Override
    double scoreOne(float[] h, float[] logits) {
        return -logits[Softmax.argmax(logits)];
    }
}
