package nero.core;

import java.util.Objects;

/**
 * NERO's parameters.
 *
 * @param k          number of lowest-relevance neurons whose activation share forms the feature-norm ratio, 1 ≤ k ≤ D
 * @param components PCA components, 1 ≤ n ≤ min(D, N − 1); −1 means the authors' ⌊2D/3⌋
 * @param distance   distance to the class centroids in PCA space
 * @param rule       the LRP rule at the head
 */
public record NeroParameters(int k, int components, Distance distance, RelevanceRule rule) {
    public static final int AUTHORS_K = 175;

    public NeroParameters {
        Objects.requireNonNull(distance, "distance");
        Objects.requireNonNull(rule, "rule");
        if (k < 1) {
            throw new InvalidInputException("k must be at least 1, got " + k);
        }
        if (components != -1 && components < 1) {
            throw new InvalidInputException("PCA components must be at least 1 (or -1 for floor(2D/3)), got "
                    + components);
        }
    }

    /** The authors' settings: k = 175, ⌊2D/3⌋ components, L1 distance, ε = 0. */
    public static NeroParameters defaults() {
        return new NeroParameters(AUTHORS_K, -1, Distance.L1, RelevanceRule.authors());
    }

    /** Components for feature dimension {@code d}. */
    public int componentsFor(int d) {
        return components == -1 ? (2 * d) / 3 : components;
    }

    /** Checks the parameters against the feature dimension and the number of training samples. */
    public void validateFor(int d, int trainingSamples) {
        if (k > d) {
            throw new InvalidInputException("k = " + k + (k == AUTHORS_K ? " (the authors' default)" : "")
                    + " is larger than the feature dimension D = " + d + "; choose k between 1 and " + d
                    + " (--k on the command line)");
        }
        int n = componentsFor(d);
        if (n < 1 || n > d) {
            throw new InvalidInputException("PCA components = " + n + " must be between 1 and D = " + d);
        }
        if (n > trainingSamples - 1) {
            // Refused rather than lowered quietly: a detector with other components is not the authors' method.
            String which = components == -1 ? " (the authors' floor(2D/3) for D = " + d + ")" : "";
            String fix = trainingSamples >= 2 ? ", or set components to " + (trainingSamples - 1) + " (--components "
                    + (trainingSamples - 1) + " on the command line), the most " + trainingSamples + " images allow"
                    : "";
            throw new InvalidInputException("PCA components = " + n + which + " needs at least " + (n + 1)
                    + " training images, got " + trainingSamples + ": add training images" + fix);
        }
    }
}
