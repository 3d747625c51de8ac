package nero.core.methods;

import nero.core.Softmax;

/** Maximum softmax probability, negated. */
final class Msp extends PostHocMethod {
    @Override
    double scoreOne(float[] h, float[] logits) {
        double[] p = Softmax.of(logits);
        return -p[Softmax.argmax(logits)];
    }
}
