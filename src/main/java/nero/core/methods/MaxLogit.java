package nero.core.methods;

import nero.core.Softmax;

/** Maximum logit, negated. */
final class MaxLogit extends PostHocMethod {
    @Override
    double scoreOne(float[] h, float[] logits) {
        return -logits[Softmax.argmax(logits)];
    }
}
