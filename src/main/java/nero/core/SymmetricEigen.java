package nero.core;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Eigendecomposition of a symmetric matrix (EJML), eigenvalues descending, unit eigenvectors with their
 * largest-magnitude entry positive.
 *
 * @param values  descending
 * @param vectors D×D, column k is the eigenvector of {@code values[k]} (row-major {@code vectors[i][k]})
 */
public record SymmetricEigen(double[] values, double[][] vectors) {
    /**
     * Decomposes a symmetric D×D matrix given row-major. EJML's symmetric QR iteration gives up on some exactly
     * degenerate matrices (a rank-one covariance of ±1 entries, as from training features that are two repeated
     * vectors); those are decomposed through the SVD instead, which equals the eigendecomposition for positive
     * semi-definite matrices (every caller's covariance or second moment), eigenvalues as Rayleigh quotients.
     */
    public static SymmetricEigen of(double[] symmetric, int d) {
        double[] raw = new double[d];
        double[][] columns = new double[d][];
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (eig.decompose(DMatrixRMaj.wrap(d, d, symmetric.clone()))) {
            for (int k = 0; k < d; k++) {
                raw[k] = eig.getEigenvalue(k).getReal();
                DMatrixRMaj v = eig.getEigenVector(k);
                columns[k] = new double[d];
                for (int i = 0; i < d; i++) {
                    columns[k][i] = v.get(i);
                }
            }
        } else {
            bySvd(symmetric, d, raw, columns);
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(raw[b], raw[a]));
        double[] values = new double[d];
        double[][] vectors = new double[d][d];
        for (int k = 0; k < d; k++) {
            values[k] = raw[order[k]];
            double[] v = columns[order[k]];
            int big = 0;
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += v[i] * v[i];
                if (Math.abs(v[i]) > Math.abs(v[big])) {
                    big = i;
                }
            }
            double scale = (v[big] < 0 ? -1 : 1) / Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                vectors[i][k] = v[i] * scale;
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    private static void bySvd(double[] symmetric, int d, double[] values, double[][] columns) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(d, d, true, false, false);
        if (!svd.decompose(DMatrixRMaj.wrap(d, d, symmetric.clone()))) {
            throw new IllegalStateException("eigendecomposition of a " + d + "x" + d + " matrix failed");
        }
        DMatrixRMaj u = svd.getU(null, false);
        for (int k = 0; k < d; k++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = u.get(i, k);
            }
            double quotient = 0;
            for (int i = 0; i < d; i++) {
                double av = 0;
                for (int j = 0; j < d; j++) {
                    av += symmetric[i * d + j] * v[j];
                }
                quotient += v[i] * av;
            }
            values[k] = quotient;
            columns[k] = v;
        }
    }

    /** Columns {@code from..to-1} of the eigenvectors as a D×(to−from) matrix. */
    public double[][] columns(int from, int to) {
        double[][] out = new double[vectors.length][to - from];
        for (int i = 0; i < vectors.length; i++) {
            System.arraycopy(vectors[i], from, out[i], 0, to - from);
        }
        return out;
    }

    /** Moore–Penrose pseudo-inverse (sklearn pinvh cut-off: |λ| > D·eps·max|λ|), D×D row-major. */
    public double[] pseudoInverse() {
        int d = values.length;
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        double cutoff = d * Math.ulp(1.0) * max;
        double[] p = new double[d * d];
        for (int k = 0; k < d; k++) {
            if (Math.abs(values[k]) <= cutoff) {
                continue;
            }
            double inv = 1 / values[k];
            for (int i = 0; i < d; i++) {
                double a = vectors[i][k] * inv;
                if (a == 0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    p[i * d + j] += a * vectors[j][k];
                }
            }
        }
        return p;
    }
}
