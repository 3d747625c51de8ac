package nero.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one eigendecomposition behind PCA, Mahalanobis, ViM and NECO. */
class SymmetricEigenTest {
    /**
     * Training features that are two distinct vectors repeated (duplicated frames, a static scene) give a rank-one
     * covariance whose standardised entries are all ±1; EJML's symmetric QR iteration gives up on it at D = 256.
     */
    @Test
    void aRankOneCovarianceOfPlusMinusOnesIsDecomposed() {
        int d = 256;
        double[] v = new double[d];
        Random random = new Random(1);
        for (int i = 0; i < d; i++) {
            v[i] = i < 40 ? 0 : random.nextBoolean() ? 1 : -1;
        }
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] = v[i] * v[j];
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(a, d);
        assertEquals(d - 40, eig.values()[0], 1e-9);
        for (int k = 1; k < d; k++) {
            assertEquals(0, eig.values()[k], 1e-9, "eigenvalue " + k);
        }
        assertDecomposes(a, d, eig);
    }

    @Test
    void aWellConditionedMatrixKeepsItsDecomposition() {
        int d = 12;
        Random random = new Random(7);
        double[][] x = new double[30][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian() * (j + 1);
            }
        }
        double[] a = new double[d * d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    a[i * d + j] += row[i] * row[j] / x.length;
                }
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(a, d);
        for (int k = 1; k < d; k++) {
            assertTrue(eig.values()[k - 1] >= eig.values()[k], "descending at " + k);
        }
        assertDecomposes(a, d, eig);
    }

    /** A·v = λ·v for every pair, and the eigenvectors are orthonormal with their largest entry positive. */
    private static void assertDecomposes(double[] a, int d, SymmetricEigen eig) {
        double scale = Math.max(1, Math.abs(eig.values()[0]));
        for (int k = 0; k < d; k++) {
            int big = 0;
            for (int i = 0; i < d; i++) {
                double av = 0;
                for (int j = 0; j < d; j++) {
                    av += a[i * d + j] * eig.vectors()[j][k];
                }
                assertEquals(eig.values()[k] * eig.vectors()[i][k], av, 1e-9 * scale, "A·v at " + i + ", " + k);
                if (Math.abs(eig.vectors()[i][k]) > Math.abs(eig.vectors()[big][k])) {
                    big = i;
                }
            }
            assertTrue(eig.vectors()[big][k] > 0, "largest entry positive in vector " + k);
            for (int l = k; l < d; l++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += eig.vectors()[i][k] * eig.vectors()[i][l];
                }
                assertEquals(k == l ? 1 : 0, dot, 1e-9, "vᵀv at " + k + ", " + l);
            }
        }
    }
}
