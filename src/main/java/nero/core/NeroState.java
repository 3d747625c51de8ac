package nero.core;

/**
 * Everything a fitted {@link NeroDetector} needs to score, apart from the classifier head.
 *
 * @param pcaBasis           D×n loadings (row = input dimension)
 * @param relevanceCentroids one row of D+1 mean training relevances per class in {@code centroidClasses}
 */
public record NeroState(NeroParameters parameters, int dimension, int classes, double biasScale, double[] pcaMean,
        double[][] pcaBasis, double[] eigenvalues, double[][] relevanceCentroids, int[] centroidClasses) {
}
