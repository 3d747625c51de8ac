package nero.model;

import nero.core.DifferentiableClassifier;

/**
 * The optional capability of a {@link Classifier} whose engine differentiates with respect to the input (ODIN's
 * perturbation, gradient × input heatmaps). Inputs are preprocessed images of {@code 3×height×width} values.
 */
public interface InputGradients extends DifferentiableClassifier {
    /** Gradient × input of the logit of {@code targetClass} for one preprocessed image: a C×H×W relevance map. */
    float[] gradientTimesInput(float[] chw, int targetClass);
}
