package nero.core.methods;

import nero.core.FeatureSet;
import nero.core.InputChecks;
import nero.core.InvalidInputException;

/** ODIN score {@code −max softmax(l(x̃)/T)} from the perturbed logits the model layer put in the feature set. */
final class OdinMethod extends PostHocMethod {
    @Override
    public double[] score(FeatureSet samples) {
        float[][] perturbed = samples.extra(FeatureSet.ODIN_LOGITS);
        if (perturbed == null) {
            throw new InvalidInputException("ODIN needs the perturbed logits ('" + FeatureSet.ODIN_LOGITS
                    + "'), computed by the model layer with Odin.perturbedLogits");
        }
        double[] out = new double[samples.size()];
        for (int i = 0; i < out.length; i++) {
            InputChecks.finite(perturbed[i], "ODIN logit", samples.ids()[i]);
            out[i] = Odin.score(perturbed[i], Odin.TEMPERATURE);
        }
        return out;
    }

    @Override
    double scoreOne(float[] h, float[] logits) {
        throw new UnsupportedOperationException();
    }
}
