package nero.core;

import java.util.Arrays;

/**
 * Exact PCA (centred, not whitened) from the symmetric eigendecomposition of the covariance (EJML). Each
 * component's sign is fixed so that its largest-magnitude loading is positive; distances computed from the
 * projection do not depend on that choice anyway.
 */
public final class Pca {
    private final double[] mean;
    /** D×n, row i holds the loadings of input dimension i (so projection is an axpy over rows). */
    private final double[][] basis;
    private final double[] eigenvalues;

    public Pca(double[] mean, double[][] basis, double[] eigenvalues) {
        this.mean = mean;
        this.basis = basis;
        this.eigenvalues = eigenvalues;
    }

    /** Fits n components from a full symmetric D×D covariance (row-major) and the data mean. */
    static Pca fromCovariance(double[] mean, double[] covariance, int n) {
        SymmetricEigen eig = SymmetricEigen.of(covariance, mean.length);
        return new Pca(mean, eig.columns(0, n), Arrays.copyOf(eig.values(), n));
    }

    public int components() {
        return eigenvalues.length;
    }

    public double[] mean() {
        return mean;
    }

    public double[][] basis() {
        return basis;
    }

    public double[] eigenvalues() {
        return eigenvalues;
    }

    /** Projects the first D values of {@code x}. */
    public double[] project(double[] x) {
        double[] y = new double[eigenvalues.length];
        for (int i = 0; i < mean.length; i++) {
            double a = x[i] - mean[i];
            if (a != 0) {
                double[] row = basis[i];
                for (int c = 0; c < y.length; c++) {
                    y[c] += a * row[c];
                }
            }
        }
        return y;
    }
}
