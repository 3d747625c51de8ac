package nero.core.methods;

import nero.core.DifferentiableClassifier;
import nero.core.Softmax;

/**
 * ODIN's input perturbation as in the NERO reference: {@code x̃ = x − ε·sgn(∇x CE(l(x)/T, argmax l(x)))} with
 * sgn(0) = +1, in normalised input space (the gradient is not divided by the channel std).
 */
public final class Odin {
    public static final double TEMPERATURE = 100;
    public static final double EPSILON = 0.0005;

    private Odin() {
    }

    /** Logits of the perturbed inputs, N×C. */
    public static float[][] perturbedLogits(DifferentiableClassifier m, float[][] inputs, double temperature,
            double epsilon) {
        return perturbedLogits(m, inputs, m.logits(inputs), temperature, epsilon);
    }

    /** As above, when the unperturbed logits of {@code inputs} are already known (saves one forward pass). */
    public static float[][] perturbedLogits(DifferentiableClassifier m, float[][] inputs, float[][] logits,
            double temperature, double epsilon) {
        int[] targets = new int[inputs.length];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = Softmax.argmax(logits[i]);
        }
        float[][] grad = m.inputGradient(inputs, targets, temperature);
        float[][] perturbed = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            float[] x = inputs[i];
            float[] p = new float[x.length];
            for (int j = 0; j < x.length; j++) {
                double sign = grad[i][j] >= 0 ? 1 : -1;
                p[j] = (float) (x[j] - epsilon * sign);
            }
            perturbed[i] = p;
        }
        return m.logits(perturbed);
    }

    /** {@code −max softmax(l/T)}. */
    public static double score(float[] logits, double temperature) {
        double[] scaled = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            scaled[c] = logits[c] / temperature;
        }
        double[] p = Softmax.of(scaled);
        double max = 0;
        for (double v : p) {
            max = Math.max(max, v);
        }
        return -max;
    }
}
