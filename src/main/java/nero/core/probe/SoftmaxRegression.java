package nero.core.probe;

import nero.core.HeadWeights;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import org.apache.commons.math3.optim.ConvergenceChecker;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * Multinomial logistic regression with an L2 penalty for one value of C, on standardised features: the minimiser
 * of {@link SoftmaxObjective}, the same problem scikit-learn's {@code LogisticRegression(C=C, solver="lbfgs")}
 * solves on {@code StandardScaler} output for three or more classes. Apache Commons Math's Polak–Ribière
 * nonlinear conjugate-gradient optimiser runs from θ = 0 (or a given start) until the largest gradient entry is
 * below {@link #GRADIENT_TOLERANCE}. Everything is sequential or summed in a fixed order: the same input gives
 * bit-identical coefficients.
 */
public final class SoftmaxRegression {
    /** Stop when every entry of ∇F (F per row, see {@link SoftmaxObjective}) is at most this. */
    public static final double GRADIENT_TOLERANCE = 1e-9;
    /** A result whose gradient is above this counts as not converged (F can stop decreasing before 1e-9). */
    public static final double STALL_TOLERANCE = 1e-6;
    /** At most this many conjugate-gradient iterations. */
    public static final int MAX_ITERATIONS = 20_000;
    /** Restarts along the steepest descent when a run stops early. */
    private static final int MAX_RUNS = 5;
    /** Relative change of F at which a line search (Brent) ends. */
    private static final double LINE_SEARCH_TOLERANCE = 1e-13;

    private SoftmaxRegression() {
    }

    /**
     * A fitted probe for one C.
     *
     * @param scaling      the standardisation the coefficients apply to
     * @param coefficients C×D weights on standardised features
     * @param intercepts   C intercepts, centred (their sum is 0; softmax does not depend on a common shift)
     * @param iterations   conjugate-gradient iterations used
     * @param gradient     the largest entry of ∇F at the result
     */
    public record Fit(FeatureScaling scaling, double[][] coefficients, double[] intercepts, int iterations,
            double gradient) {

        /**
         * Whether the gradient is small: below {@link #GRADIENT_TOLERANCE}, or below {@link #STALL_TOLERANCE}
         * where F could not be decreased any further in double precision.
         */
        public boolean converged() {
            return gradient <= STALL_TOLERANCE;
        }

        /** The same classifier as a head on the raw features: {@code W/scale}, {@code b − (W/scale)·mean}. */
        public HeadWeights head() {
            int c = coefficients.length;
            int d = scaling.dimension();
            float[][] w = new float[c][d];
            float[] b = new float[c];
            for (int k = 0; k < c; k++) {
                double shift = 0;
                for (int j = 0; j < d; j++) {
                    double raw = coefficients[k][j] / scaling.scale()[j];
                    w[k][j] = (float) raw;
                    shift += raw * scaling.mean()[j];
                }
                b[k] = (float) (intercepts[k] - shift);
            }
            return new HeadWeights(w, b);
        }

        /** Predicted class of a raw feature row (largest logit, first on ties), computed in double. */
        public int predict(float[] features) {
            int best = 0;
            double bestLogit = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < coefficients.length; k++) {
                double z = logit(k, features);
                if (z > bestLogit) {
                    bestLogit = z;
                    best = k;
                }
            }
            return best;
        }

        /** Class probabilities (softmax of the logits) of a raw feature row. */
        double[] probabilities(float[] features) {
            double[] z = new double[coefficients.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < z.length; k++) {
                z[k] = logit(k, features);
                max = Math.max(max, z[k]);
            }
            double sum = 0;
            for (int k = 0; k < z.length; k++) {
                z[k] = Math.exp(z[k] - max);
                sum += z[k];
            }
            for (int k = 0; k < z.length; k++) {
                z[k] /= sum;
            }
            return z;
        }

        private double logit(int k, float[] features) {
            double z = intercepts[k];
            double[] w = coefficients[k];
            for (int j = 0; j < w.length; j++) {
                z += w[j] * ((features[j] - scaling.mean()[j]) / scaling.scale()[j]);
            }
            return z;
        }

        double[] theta() {
            int d = scaling.dimension();
            double[] theta = new double[coefficients.length * (d + 1)];
            for (int k = 0; k < coefficients.length; k++) {
                System.arraycopy(coefficients[k], 0, theta, k * (d + 1), d);
                theta[k * (d + 1) + d] = intercepts[k];
            }
            return theta;
        }
    }

    /**
     * Fits on all rows of {@code features}, standardised with their own mean and scale, from θ = 0.
     *
     * @param labels  class of each row, in [0, classes); every class must occur
     * @param c       inverse regularisation strength, &gt; 0 (larger = weaker penalty)
     */
    public static Fit fit(float[][] features, int[] labels, int classes, double c) {
        ProbeChecks.trainingSet(features, labels, classes);
        int[] all = new int[features.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return fit(features, labels, classes, all, c, null, ProgressListener.NONE);
    }

    /** Fits on the given rows; {@code start} (a previous fit on the same rows) may be null. */
    static Fit fit(float[][] features, int[] labels, int classes, int[] rows, double c, Fit start,
            ProgressListener progress) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new InvalidInputException("the probe's C must be a positive number, got " + c);
        }
        FeatureScaling scaling = start != null ? start.scaling() : FeatureScaling.fit(features, rows);
        SoftmaxObjective objective = new SoftmaxObjective(features, rows, labels, classes, c, scaling);
        double[] theta0 = start != null ? start.theta() : new double[objective.parameters()];
        double[] theta = theta0;
        int iterations = 0;
        double gradient = Double.POSITIVE_INFINITY;
        // A conjugate-gradient run ends when F stops decreasing (a line search at the rounding limit of F, or a
        // stale direction); a fresh start along the steepest descent then either makes progress or confirms it.
        for (int run = 0; run < MAX_RUNS && gradient > GRADIENT_TOLERANCE && iterations < MAX_ITERATIONS; run++) {
            GradientTest test = new GradientTest(objective, progress, MAX_ITERATIONS - iterations);
            var optimiser = new NonLinearConjugateGradientOptimizer(
                    NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, test, LINE_SEARCH_TOLERANCE, 1e-300,
                    1.0);
            PointValuePair end = optimiser.optimize(new MaxEval(Integer.MAX_VALUE), new MaxIter(Integer.MAX_VALUE),
                    new ObjectiveFunction(objective::value), new ObjectiveFunctionGradient(objective::gradient),
                    GoalType.MINIMIZE, new InitialGuess(theta));
            iterations += test.iterations;
            double newGradient = largest(objective.gradient(end.getPoint()));
            boolean progressed = newGradient < gradient;
            theta = end.getPoint();
            gradient = newGradient;
            if (!progressed) {
                break;
            }
        }
        return solution(theta, classes, scaling, iterations, gradient);
    }

    private static double largest(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static Fit solution(double[] theta, int classes, FeatureScaling scaling, int iterations,
            double gradient) {
        int d = scaling.dimension();
        double[][] w = new double[classes][d];
        double[] b = new double[classes];
        double meanB = 0;
        for (int k = 0; k < classes; k++) {
            System.arraycopy(theta, k * (d + 1), w[k], 0, d);
            b[k] = theta[k * (d + 1) + d];
            meanB += b[k];
        }
        meanB /= classes;
        for (int k = 0; k < classes; k++) {
            b[k] -= meanB;
        }
        return new Fit(scaling, w, b, iterations, gradient);
    }

    /**
     * Stops at a small gradient (the optimiser has just computed it at this point, so it comes from the
     * objective's cache), when F no longer decreases, or at the iteration limit. Also where cancel is polled.
     */
    private static final class GradientTest implements ConvergenceChecker<PointValuePair> {
        private final SoftmaxObjective objective;
        private final ProgressListener progress;
        private final int maxIterations;
        int iterations;

        GradientTest(SoftmaxObjective objective, ProgressListener progress, int maxIterations) {
            this.objective = objective;
            this.progress = progress;
            this.maxIterations = maxIterations;
        }

        @Override
        public boolean converged(int iteration, PointValuePair previous, PointValuePair current) {
            progress.checkCancelled();
            iterations = iteration;
            return largest(objective.gradient(current.getPoint())) <= GRADIENT_TOLERANCE
                    || current.getValue() >= previous.getValue() || iteration >= maxIterations;
        }
    }
}
