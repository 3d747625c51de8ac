package nero.core;

import java.util.Objects;

/**
 * Everything a fitted {@link NeroDetector} needs to score, apart from the classifier head. Checked when built,
 * so that a detector file edited by hand or by an attacker (its checksum recomputed) cannot score with NaN, with
 * k outside 1..D or with arrays of the wrong size: each problem is refused naming the field as stored.
 *
 * @param pcaBasis           D×n loadings (row = input dimension)
 * @param relevanceCentroids one row of D+1 mean training relevances per class in {@code centroidClasses}
 */
public record NeroState(NeroParameters parameters, int dimension, int classes, double biasScale, double[] pcaMean,
        double[][] pcaBasis, double[] eigenvalues, double[][] relevanceCentroids, int[] centroidClasses) {
    public NeroState {
        Objects.requireNonNull(parameters, "parameters");
        if (dimension < 1) {
            throw new InvalidInputException("nero.dimension = " + dimension + " must be at least 1");
        }
        if (classes < 1) {
            throw new InvalidInputException("nero.classes = " + classes + " must be at least 1");
        }
        if (parameters.k() > dimension) {
            throw new InvalidInputException("nero.k = " + parameters.k() + " is larger than nero.dimension = "
                    + dimension);
        }
        if (!(biasScale >= 0) || Double.isInfinite(biasScale)) {
            throw new InvalidInputException("nero.biasScale = " + biasScale + " must be finite and not negative");
        }
        int n = parameters.componentsFor(dimension);
        if (n > dimension) {
            throw new InvalidInputException("nero.components = " + n + " is larger than nero.dimension = " + dimension);
        }
        finite("nero.pcaMean", pcaMean, dimension);
        finite("nero.eigenvalues", eigenvalues, n);
        Objects.requireNonNull(pcaBasis, "nero.pcaBasis");
        if (pcaBasis.length != dimension) {
            throw new InvalidInputException("nero.pcaBasis has " + pcaBasis.length + " rows, expected nero.dimension = "
                    + dimension);
        }
        for (int r = 0; r < dimension; r++) {
            finite("nero.pcaBasis[" + r + "]", pcaBasis[r], n);
        }
        Objects.requireNonNull(relevanceCentroids, "nero.relevanceCentroids");
        Objects.requireNonNull(centroidClasses, "nero.centroidClasses");
        if (relevanceCentroids.length < 1 || relevanceCentroids.length != centroidClasses.length) {
            throw new InvalidInputException("nero.relevanceCentroids has " + relevanceCentroids.length
                    + " rows and nero.centroidClasses " + centroidClasses.length
                    + " entries; expected the same, at least 1");
        }
        for (int r = 0; r < relevanceCentroids.length; r++) {
            finite("nero.relevanceCentroids[" + r + "]", relevanceCentroids[r], dimension + 1);
        }
        for (int c : centroidClasses) {
            if (c < 0 || c >= classes) {
                throw new InvalidInputException("nero.centroidClasses holds class " + c + ", not in 0.."
                        + (classes - 1));
            }
        }
    }

    private static void finite(String field, double[] values, int expectedLength) {
        if (values == null) {
            throw new InvalidInputException(field + " is missing");
        }
        if (values.length != expectedLength) {
            throw new InvalidInputException(field + " has " + values.length + " values, expected " + expectedLength);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidInputException(field + "[" + i + "] is " + values[i] + " (NaN or infinite)");
            }
        }
    }
}
