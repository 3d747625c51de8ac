package nero.core.explain;

import java.util.Locale;
import nero.core.InvalidInputException;

/**
 * The parts of one image's NERO score, {@code score = (distance + biasTerm) · normRatio}, with the verdict at the
 * calibrated threshold (higher = more OOD) and where the score falls among the ID validation scores.
 *
 * @param biasTerm   the scaled bias relevance {@code s·|R_bias|}
 * @param percentile share of ID validation scores at or below this score, 0–100
 */
public record ScoreDecomposition(String predictedClass, double confidence, String nearestClass, double distance,
        double biasTerm, double normRatio, double score, double threshold, boolean ood, double percentile) {

    /** Builds the decomposition; the verdict is {@code score > threshold} (NaN: OOD). */
    public static ScoreDecomposition of(String predictedClass, double confidence, String nearestClass,
            double distance, double biasTerm, double normRatio, double score, double threshold,
            double[] sortedValidationScores) {
        return new ScoreDecomposition(predictedClass, confidence, nearestClass, distance, biasTerm, normRatio, score,
                threshold, nero.core.ThresholdCalibrator.isOod(score, threshold),
                percentile(score, sortedValidationScores));
    }

    /** Percentage (0–100) of the ascending-sorted scores that are ≤ {@code score}. */
    public static double percentile(double score, double[] sortedAscending) {
        if (sortedAscending.length == 0) {
            throw new InvalidInputException("no ID validation scores to place the score among");
        }
        int lo = 0;
        int hi = sortedAscending.length;
        while (lo < hi) { // first index whose value is > score
            int mid = (lo + hi) >>> 1;
            if (sortedAscending[mid] <= score) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return 100.0 * lo / sortedAscending.length;
    }

    public String verdict() {
        return ood ? "OOD" : "ID";
    }

    /** Sum of the two distance-like parts before the norm ratio multiplies them. */
    public double unscaledScore() {
        return distance + biasTerm;
    }

    /** A few lines a user can read: the verdict first, then how the score is made. */
    public String summary() {
        return String.format(Locale.ROOT, "%s: score %.4g %s threshold %.4g (at or above %.1f%% of the ID validation"
                + " scores)%n"
                + "predicted %s (confidence %.3f); nearest class centroid: %s%n"
                + "score = (relevance distance %.4g + scaled bias term %.4g) × feature-norm ratio %.4f",
                verdict(), score, ood ? ">" : "≤", threshold, percentile, predictedClass, confidence, nearestClass,
                distance, biasTerm, normRatio);
    }
}
