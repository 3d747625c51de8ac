package nero.core;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Streams rows into a D×D sample covariance in double without keeping the rows: blocks of rows are added to the
 * upper triangle of Σ (x − s)(x − s)ᵀ (s = the first row, a shift that avoids cancellation), in parallel over
 * covariance rows.
 */
public final class CovarianceAccumulator {
    private static final int BLOCK = 256;
    private final int d;
    private final double[][] upper;
    private final double[] sum;
    private final double[][] block;
    private double[] shift;
    private int filled;
    private long count;

    public CovarianceAccumulator(int d) {
        this.d = d;
        this.upper = new double[d][d];
        this.sum = new double[d];
        this.block = new double[BLOCK][d];
    }

    /** Adds the first D values of {@code row}. */
    public void add(double[] row) {
        if (shift == null) {
            shift = Arrays.copyOf(row, d);
        }
        double[] target = block[filled++];
        for (int j = 0; j < d; j++) {
            target[j] = row[j] - shift[j];
            sum[j] += target[j];
        }
        count++;
        if (filled == BLOCK) {
            flush();
        }
    }

    private void flush() {
        int rows = filled;
        IntStream.range(0, d).parallel().forEach(i -> {
            double[] target = upper[i];
            for (int r = 0; r < rows; r++) {
                double[] x = block[r];
                double a = x[i];
                if (a != 0) {
                    for (int j = i; j < d; j++) {
                        target[j] += a * x[j];
                    }
                }
            }
        });
        filled = 0;
    }

    public long count() {
        return count;
    }

    public double[] mean() {
        double[] m = new double[d];
        for (int j = 0; j < d; j++) {
            m[j] = shift[j] + sum[j] / count;
        }
        return m;
    }

    /** Unbiased covariance (divisor N − 1), full symmetric D×D row-major. */
    public double[] covariance() {
        flush();
        double[] cov = new double[d * d];
        double[] ms = new double[d];
        for (int j = 0; j < d; j++) {
            ms[j] = sum[j] / count;
        }
        double div = count - 1;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = (upper[i][j] - count * ms[i] * ms[j]) / div;
                cov[i * d + j] = v;
                cov[j * d + i] = v;
            }
        }
        return cov;
    }

    /** Raw second moment Σ x xᵀ / N (sklearn's EmpiricalCovariance with assume_centered), D×D row-major. */
    public double[] secondMoment() {
        flush();
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = (upper[i][j] + shift[i] * sum[j] + sum[i] * shift[j] + count * shift[i] * shift[j])
                        / count;
                m[i * d + j] = v;
                m[j * d + i] = v;
            }
        }
        return m;
    }
}
