package nero.core.probe;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The multinomial logistic-regression objective on standardised features, as scikit-learn's
 * {@code LogisticRegression(solver="lbfgs")} minimises it for more than two classes, divided by the number of rows:
 * {@code F(θ) = (1/N) · (Σ_i [logsumexp(z_i) − z_i,y_i] + ‖W‖² / (2C))} with {@code z_i = W·x̃_i + b} (all C×D
 * weights, one row per class; the intercepts b are not penalised) and {@code x̃ = (x − mean) / scale}.
 *
 * <p>θ holds class after class: D weights then the intercept ({@code θ[k·(D+1) + j]}, j = D the intercept).
 * The standardised rows are never stored: the weights are mapped to the raw features for each evaluation.
 * Sums run over fixed blocks of rows whose partial results are added in block order, so a value is bit-identical
 * whatever the number of threads.
 */
final class SoftmaxObjective {
    private static final int BLOCK = 128;

    private final float[][] x;
    private final int[] rows;
    private final int[] labels;
    private final int classes;
    private final int dimension;
    private final double inverseC;
    private final FeatureScaling scaling;

    private double[] valuePoint;
    private double value;
    private double[] gradientPoint;
    private double[] gradient;

    /**
     * @param x        all feature rows (raw)
     * @param rows     the rows this objective sums over (a training fold, or all)
     * @param labels   class of every row of {@code x}, in [0, classes)
     * @param c        inverse regularisation strength (scikit-learn's C), &gt; 0
     */
    SoftmaxObjective(float[][] x, int[] rows, int[] labels, int classes, double c, FeatureScaling scaling) {
        this.x = x;
        this.rows = rows;
        this.labels = labels;
        this.classes = classes;
        this.dimension = scaling.dimension();
        this.inverseC = 1 / c;
        this.scaling = scaling;
    }

    int parameters() {
        return classes * (dimension + 1);
    }

    double value(double[] theta) {
        if (valuePoint != null && Arrays.equals(valuePoint, theta)) {
            return value;
        }
        double v = evaluate(theta, null);
        valuePoint = theta.clone();
        value = v;
        return v;
    }

    double[] gradient(double[] theta) {
        if (gradientPoint == null || !Arrays.equals(gradientPoint, theta)) {
            double[] g = new double[parameters()];
                double v = evaluate(theta, g);
            gradientPoint = theta.clone();
            gradient = g;
            valuePoint = gradientPoint;
            value = v;
        }
        return gradient.clone();
    }

    /** The value at θ; when {@code gradientOut} is not null, also writes the gradient into it. */
    private double evaluate(double[] theta, double[] gradientOut) {
        int d = dimension;
        double[] mean = scaling.mean();
        double[] scale = scaling.scale();
        // the same linear map on the raw features: z_k = Σ_j rawW[k][j]·x_j + rawB[k]
        double[][] rawW = new double[classes][d];
        double[] rawB = new double[classes];
        for (int k = 0; k < classes; k++) {
            int o = k * (d + 1);
            double shift = 0;
            for (int j = 0; j < d; j++) {
                rawW[k][j] = theta[o + j] / scale[j];
                shift += rawW[k][j] * mean[j];
            }
            rawB[k] = theta[o + d] - shift;
        }
        boolean withGradient = gradientOut != null;
        int blocks = (rows.length + BLOCK - 1) / BLOCK;
        Partial[] partials = new Partial[blocks];
        IntStream.range(0, blocks).parallel().forEach(b ->
                partials[b] = block(b * BLOCK, Math.min(rows.length, (b + 1) * BLOCK), rawW, rawB, withGradient));
        double loss = 0;
        for (Partial p : partials) {
            loss += p.loss;
        }
        double penalty = 0;
        for (int k = 0; k < classes; k++) {
            int o = k * (d + 1);
            for (int j = 0; j < d; j++) {
                penalty += theta[o + j] * theta[o + j];
            }
        }
        double n = rows.length;
        if (withGradient) {
            double[][] sumRx = new double[classes][d];
            double[] sumR = new double[classes];
            for (Partial p : partials) {
                for (int k = 0; k < classes; k++) {
                    sumR[k] += p.sumR[k];
                    double[] target = sumRx[k];
                    double[] source = p.sumRx[k];
                    for (int j = 0; j < d; j++) {
                        target[j] += source[j];
                    }
                }
            }
            for (int k = 0; k < classes; k++) {
                int o = k * (d + 1);
                for (int j = 0; j < d; j++) {
                    // ∂/∂θ_kj Σ_i r_ik (x_ij − mean_j) / scale_j, plus the penalty's θ_kj / C
                    double g = (sumRx[k][j] - mean[j] * sumR[k]) / scale[j] + inverseC * theta[o + j];
                    gradientOut[o + j] = g / n;
                }
                gradientOut[o + d] = sumR[k] / n;
            }
        }
        return (loss + 0.5 * inverseC * penalty) / n;
    }

    private Partial block(int from, int to, double[][] rawW, double[] rawB, boolean withGradient) {
        int d = dimension;
        Partial p = new Partial(withGradient ? classes : 0, d);
        double[] z = new double[classes];
        for (int r = from; r < to; r++) {
            int i = rows[r];
            float[] xi = x[i];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double s = rawB[k] + dot(rawW[k], xi);
                z[k] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(z[k] - max);
            }
            double logSumExp = max + Math.log(sum);
            int y = labels[i];
            p.loss += logSumExp - z[y];
            if (withGradient) {
                for (int k = 0; k < classes; k++) {
                    double residual = Math.exp(z[k] - logSumExp) - (k == y ? 1 : 0);
                    p.sumR[k] += residual;
                    double[] acc = p.sumRx[k];
                    for (int j = 0; j < d; j++) {
                        acc[j] += residual * xi[j];
                    }
                }
            }
        }
        return p;
    }

    /** Σ w_j·x_j in four interleaved partial sums (a fixed order, so the same on every CPU; 4× shorter chains). */
    static double dot(double[] w, float[] x) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (int end = w.length - 3; j < end; j += 4) {
            s0 += w[j] * x[j];
            s1 += w[j + 1] * x[j + 1];
            s2 += w[j + 2] * x[j + 2];
            s3 += w[j + 3] * x[j + 3];
        }
        for (; j < w.length; j++) {
            s0 += w[j] * x[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Sums over one block of rows. */
    private static final class Partial {
        double loss;
        final double[] sumR;
        final double[][] sumRx;

        Partial(int classes, int d) {
            sumR = new double[classes];
            sumRx = new double[classes][d];
        }
    }
}
