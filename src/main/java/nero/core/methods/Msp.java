package nero.core.methods;

import nero.core.Softmax;

/** Maximum softmax probability, negated. */
final class Msp extends PostHocMethod {
    public String key() { return "msp"; }
    public String title() { return "MSP"; }
    public String reference() { return "Hendrycks & Gimpel, ICLR 2017, arXiv:1610.02136"; }

    @Override
    double scoreOne(float[] h, float[] logits) {
        double[] p = Softmax.of(logits);
        return -p[Softmax.argmax(logits)];
    }
}
