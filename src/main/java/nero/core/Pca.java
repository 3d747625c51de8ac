package nero.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

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
        int d = mean.length;
        DMatrixRMaj cov = DMatrixRMaj.wrap(d, d, covariance.clone());
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(cov)) {
            throw new IllegalStateException("eigendecomposition of the " + d + "x" + d + " covariance failed");
        }
        Integer[] order = new Integer[d];
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
            values[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[][] basis = new double[d][n];
        double[] kept = new double[n];
        for (int c = 0; c < n; c++) {
            DMatrixRMaj v = eig.getEigenVector(order[c]);
            kept[c] = values[order[c]];
            int big = 0;
            for (int i = 1; i < d; i++) {
                if (Math.abs(v.get(i)) > Math.abs(v.get(big))) {
                    big = i;
                }
            }
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += v.get(i) * v.get(i);
            }
            double scale = (v.get(big) < 0 ? -1 : 1) / Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                basis[i][c] = v.get(i) * scale;
            }
        }
        return new Pca(mean, basis, kept);
    }

    public int inputDimension() {
        return mean.length;
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
