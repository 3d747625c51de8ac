package nero.core;

import java.util.Arrays;

/**
 * Metrics exactly as the NERO reference computes them (ID = label 0, OOD = label 1, higher score = more OOD).
 * AUROC counts ties ½ (average ranks). FPR@95TPR: {@code r = floor(0.95·N_in)}, {@code thresh =
 * sorted(S_in)[r]} (0-based), FPR = share of OOD scores ≤ thresh. AUPR-IN / AUPR-OUT are sklearn's average
 * precision with ID (score negated) / OOD as the positive class.
 */
public final class OodMetrics {
    private OodMetrics() {
    }

    public static DetectionMetrics evaluate(double[] idScores, double[] oodScores) {
        return new DetectionMetrics(auroc(idScores, oodScores), fpr95(idScores, oodScores),
                auprIn(idScores, oodScores), auprOut(idScores, oodScores));
    }

    public static double auroc(double[] id, double[] ood) {
        requireScores(id, ood);
        int n = id.length + ood.length;
        double[] all = new double[n];
        System.arraycopy(id, 0, all, 0, id.length);
        System.arraycopy(ood, 0, all, id.length, ood.length);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
        double oodRankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && all[order[j + 1]] == all[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (order[t] >= id.length) {
                    oodRankSum += averageRank;
                }
            }
            i = j + 1;
        }
        double u = oodRankSum - ood.length * (ood.length + 1) / 2.0;
        return u / ((double) id.length * ood.length);
    }

    /** FPR at 95 % TPR with the reference's convention. */
    public static double fpr95(double[] id, double[] ood) {
        return fprAtTpr(id, ood, 0.95);
    }

    public static double fprAtTpr(double[] id, double[] ood, double tpr) {
        requireScores(id, ood);
        double thresh = ThresholdCalibrator.thresholdForTpr(id, tpr);
        int below = 0;
        for (double s : ood) {
            if (s <= thresh) {
                below++;
            }
        }
        return below / (double) ood.length;
    }

    /** Average precision with ID as positive (scores negated). */
    public static double auprIn(double[] id, double[] ood) {
        requireScores(id, ood);
        return averagePrecision(negate(id), negate(ood));
    }

    /** Average precision with OOD as positive. */
    public static double auprOut(double[] id, double[] ood) {
        requireScores(id, ood);
        return averagePrecision(ood, id);
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    /** sklearn's average_precision_score: Σ (R_k − R_{k−1}) P_k over distinct thresholds, descending. */
    static double averagePrecision(double[] positives, double[] negatives) {
        int n = positives.length + negatives.length;
        double[] s = new double[n];
        boolean[] pos = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            pos[i] = i < positives.length;
            s[i] = pos[i] ? positives[i] : negatives[i - positives.length];
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        double ap = 0;
        double previousRecall = 0;
        int tp = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && s[order[j]] == s[order[i]]) {
                if (pos[order[j]]) {
                    tp++;
                }
                j++;
            }
            double recall = tp / (double) positives.length;
            double precision = tp / (double) j;
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
            i = j;
        }
        return ap;
    }

    /**
     * The ROC curve (OOD = positive) as (fpr, tpr) points from the highest threshold to the lowest, (0, 0) to (1, 1);
     * tied scores move both rates together.
     */
    public static double[][] rocCurve(double[] idScores, double[] oodScores) {
        double[] id = Arrays.copyOf(idScores, idScores.length);
        double[] ood = Arrays.copyOf(oodScores, oodScores.length);
        Arrays.sort(id);
        Arrays.sort(ood);
        double[] all = new double[id.length + ood.length];
        System.arraycopy(id, 0, all, 0, id.length);
        System.arraycopy(ood, 0, all, id.length, ood.length);
        double[] thresholds = Arrays.stream(all).sorted().distinct().toArray();
        double[] fpr = new double[thresholds.length + 2];
        double[] tpr = new double[thresholds.length + 2];
        // Threshold t calls "OOD" when score >= t; walking t from above the maximum down to below the minimum.
        fpr[0] = 0;
        tpr[0] = 0;
        for (int k = 0; k < thresholds.length; k++) {
            double t = thresholds[thresholds.length - 1 - k];
            fpr[k + 1] = countAtLeast(id, t) / (double) id.length;
            tpr[k + 1] = countAtLeast(ood, t) / (double) ood.length;
        }
        fpr[fpr.length - 1] = 1;
        tpr[tpr.length - 1] = 1;
        return new double[][] {fpr, tpr};
    }

    private static int countAtLeast(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return sorted.length - lo;
    }

    private static void requireScores(double[] id, double[] ood) {
        if (id.length == 0 || ood.length == 0) {
            throw new InvalidInputException("metrics need at least one ID and one OOD score (got " + id.length
                    + " ID, " + ood.length + " OOD)");
        }
        for (double[] v : new double[][] {id, ood}) {
            for (double x : v) {
                if (Double.isNaN(x)) {
                    throw new InvalidInputException("a score is NaN; metrics cannot be computed");
                }
            }
        }
    }
}
