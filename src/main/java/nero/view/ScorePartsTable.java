package nero.view;

import ij.measure.ResultsTable;
import java.util.Locale;
import nero.core.explain.ScoreDecomposition;

/**
 * One image's NERO score taken apart, one part a row: {@code score = (distance + bias_term) × norm_ratio} against the
 * threshold, with each part's share of the sum and what it is. Columns part, value, share, about.
 */
public final class ScorePartsTable {
    private ScorePartsTable() {
    }

    public static ResultsTable create(ScoreDecomposition s) {
        ResultsTable rt = new ResultsTable();
        rt.setNaNEmptyCells(true);
        rt.setPrecision(-6);
        double sum = s.unscaledScore();
        row(rt, "distance", s.distance(), share(s.distance(), sum),
                "L1 distance of the image's relevance to the " + s.nearestClass() + " centroid (PCA space)");
        row(rt, "bias_term", s.biasTerm(), share(s.biasTerm(), sum), "scaled relevance of the bias neuron");
        row(rt, "distance + bias_term", sum, 1, "the score before the norm ratio");
        row(rt, "norm_ratio", s.normRatio(), Double.NaN,
                "multiplies the sum: the activation share of the k lowest-relevance neurons");
        row(rt, "score", s.score(), Double.NaN, "(distance + bias_term) × norm_ratio; higher = more OOD");
        row(rt, "threshold", s.threshold(), Double.NaN, String.format(Locale.ROOT,
                "verdict %s: the score is %s the threshold; above %.1f%% of the ID validation scores", s.verdict(),
                s.ood() ? "above" : "at or below", s.percentile()));
        row(rt, "confidence", s.confidence(), Double.NaN, "softmax probability of the predicted class, "
                + s.predictedClass());
        rt.showRowNumbers(false);
        return rt;
    }

    private static double share(double part, double sum) {
        return sum == 0 ? Double.NaN : part / sum;
    }

    private static void row(ResultsTable rt, String part, double value, double share, String about) {
        rt.incrementCounter();
        rt.addValue("part", part);
        rt.addValue("value", value);
        rt.addValue("share", share);
        rt.addValue("about", about);
    }
}
