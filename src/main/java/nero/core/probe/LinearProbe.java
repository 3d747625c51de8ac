package nero.core.probe;

import java.util.ArrayList;
import java.util.List;
import nero.core.HeadWeights;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;

/**
 * A linear probe fitted on ID training features: multinomial logistic regression with an L2 penalty on
 * standardised features ({@link SoftmaxRegression}), its C chosen on a stratified held-out split of the training
 * rows, then refitted on all of them. The result is a head on the raw features, used in place of the model's.
 *
 * <p>Choice of C: every value of {@link #C_GRID} is fitted on the fit part (from the strongest penalty up, each
 * starting from the previous solution) and scored by the mean cross-entropy on the held-out part; the lowest wins
 * (the smaller C on a tie). Cross-entropy rather than accuracy because NERO weighs the classes by the probe's
 * softmax, and because accuracy often ties at 100 %.
 *
 * @param head              the probe as a head on the raw features (logits = W·h + b)
 * @param c                 the chosen inverse regularisation strength
 * @param trainingAccuracy  accuracy of the final probe on all training rows
 * @param heldOutAccuracy   accuracy on the held-out rows of the probe fitted, with the chosen C, without them
 * @param heldOutCount      number of held-out rows
 * @param candidates        held-out scores of every C tried
 * @param converged         whether the final fit reached its gradient tolerance
 */
public record LinearProbe(HeadWeights head, double c, double trainingAccuracy, double heldOutAccuracy,
        int heldOutCount, List<Candidate> candidates, boolean converged) {
    /** The values of C tried, one per decade. */
    public static final double[] C_GRID = {1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100};
    /** Share of every class held out to choose C. */
    public static final double HELD_OUT_SHARE = 0.2;
    /** Seed of the held-out split. */
    public static final long SPLIT_SEED = 17;

    public LinearProbe {
        candidates = List.copyOf(candidates);
    }

    /** Held-out mean cross-entropy and accuracy of one C. */
    public record Candidate(double c, double heldOutCrossEntropy, double heldOutAccuracy) {
    }

    /**
     * Fits a probe on labelled training features.
     *
     * @param labels class of every row in [0, classes); at least two classes, every class with at least two rows
     */
    public static LinearProbe fit(float[][] features, int[] labels, int classes, ProgressListener progress) {
        return fit(features, labels, classes, null, progress);
    }

    /** As above, with the class names (index = class) that messages about a class use. */
    public static LinearProbe fit(float[][] features, int[] labels, List<String> classNames,
            ProgressListener progress) {
        return fit(features, labels, classNames.size(), classNames, progress);
    }

    private static LinearProbe fit(float[][] features, int[] labels, int classes, List<String> names,
            ProgressListener progress) {
        ProbeChecks.trainingSet(features, labels, classes, names);
        HeldOutSplit split = HeldOutSplit.stratified(labels, classes, HELD_OUT_SHARE, SPLIT_SEED, names);
        List<Candidate> candidates = new ArrayList<>();
        SoftmaxRegression.Fit previous = null;
        Candidate best = null;
        int steps = C_GRID.length + 1;
        for (int i = 0; i < C_GRID.length; i++) {
            progress.checkCancelled();
            progress.progress("linear probe: trying C = " + C_GRID[i], i, steps);
            previous = SoftmaxRegression.fit(features, labels, classes, split.fitRows(), C_GRID[i], previous,
                    progress);
            Candidate candidate = score(previous, features, labels, split.heldOutRows(), C_GRID[i]);
            candidates.add(candidate);
            if (best == null || candidate.heldOutCrossEntropy() < best.heldOutCrossEntropy()) {
                best = candidate;
            }
        }
        progress.progress("linear probe: fitting with C = " + best.c(), C_GRID.length, steps);
        int[] all = new int[features.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        SoftmaxRegression.Fit fit = SoftmaxRegression.fit(features, labels, classes, all, best.c(), null, progress);
        if (ignoresTheImage(fit.head(), features)) {
            throw new InvalidInputException("the linear probe cannot tell the classes apart: its logits are the same"
                    + " for every training image, because the classes' features do not differ (are the class folders"
                    + " copies of the same pictures?)");
        }
        progress.progress("linear probe: done", steps, steps);
        return new LinearProbe(fit.head(), best.c(), accuracy(fit, features, labels, all), best.heldOutAccuracy(),
                split.heldOutRows().length, candidates, fit.converged());
    }

    /**
     * True when no logit varies over the training images beyond rounding: the optimum of classes whose features do
     * not differ has zero weights (by symmetry and the L2 penalty), so the head sees only its intercepts.
     */
    private static boolean ignoresTheImage(HeadWeights head, float[][] features) {
        double range = 0;
        double scale = 1;
        for (int c = 0; c < head.classes(); c++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (float[] x : features) {
                double logit = head.bias()[c];
                for (int j = 0; j < x.length; j++) {
                    logit += (double) head.weight()[c][j] * x[j];
                }
                min = Math.min(min, logit);
                max = Math.max(max, logit);
            }
            range = Math.max(range, max - min);
            scale = Math.max(scale, Math.max(Math.abs(min), Math.abs(max)));
        }
        return range <= 1e-6 * scale;
    }

    private static Candidate score(SoftmaxRegression.Fit fit, float[][] features, int[] labels, int[] rows,
            double c) {
        double crossEntropy = 0;
        for (int i : rows) {
            // clamp so that a confidently wrong row costs a large, finite amount
            crossEntropy -= Math.log(Math.max(fit.probabilities(features[i])[labels[i]], 1e-300));
        }
        return new Candidate(c, crossEntropy / rows.length, accuracy(fit, features, labels, rows));
    }

    private static double accuracy(SoftmaxRegression.Fit fit, float[][] features, int[] labels, int[] rows) {
        int correct = 0;
        for (int i : rows) {
            correct += fit.predict(features[i]) == labels[i] ? 1 : 0;
        }
        return correct / (double) rows.length;
    }
}
