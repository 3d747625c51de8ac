package nero.core;

import java.util.Arrays;

/**
 * Picks the score threshold for a requested TPR on ID validation scores, with the reference's FPR@95 convention:
 * {@code threshold = sorted(idScores)[min(floor(tpr·N), N − 1)]}. <b>Verdict: a sample is OOD iff its score is
 * strictly greater than the threshold</b>, so at least {@code tpr} of the ID validation samples are kept as ID
 * (exactly {@code (floor(tpr·N)+1)/N} without ties).
 */
public final class ThresholdCalibrator {
    public static final double DEFAULT_TPR = 0.95;

    private ThresholdCalibrator() {
    }

    public static double thresholdForTpr(double[] idValidationScores, double tpr) {
        if (!(tpr > 0 && tpr <= 1)) {
            throw new InvalidInputException("TPR must be in (0, 1], got " + tpr);
        }
        if (idValidationScores.length == 0) {
            throw new InvalidInputException("calibrating a threshold needs at least one ID validation score");
        }
        double[] sorted = idValidationScores.clone();
        Arrays.sort(sorted);
        int r = (int) Math.floor(tpr * sorted.length);
        return sorted[Math.min(r, sorted.length - 1)];
    }

    /**
     * The verdict convention: OOD iff {@code score > threshold}. A score that is not a number is OOD, never ID:
     * a check that fails must not pass an image as in-distribution.
     */
    public static boolean isOod(double score, double threshold) {
        return !(score <= threshold);
    }
}
