package nero.core;

/**
 * A classifier that can give input gradients (implemented by the model layer; a linear stand-in in tests).
 * Inputs are flattened per sample (e.g. a normalised C×H×W tensor).
 */
public interface DifferentiableClassifier {
    /** Logits (N×C) of the given inputs. */
    float[][] logits(float[][] inputs);

    /**
     * Gradient with respect to the inputs of the cross-entropy of {@code logits(x)/temperature} against
     * {@code targets} (mean over the batch, as PyTorch's default reduction), same shape as {@code inputs}.
     */
    float[][] inputGradient(float[][] inputs, int[] targets, double temperature);
}
