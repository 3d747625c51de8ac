package nero.core.explain;

import nero.core.InvalidInputException;

/**
 * This image's neuron relevance values against the ID class's, binned on one shared range, as fractions of
 * each set (so a class with many samples and one image compare). The class side is whatever the caller holds:
 * the centroid's D values or pooled class samples.
 */
public record RelevanceHistogram(double[] binCentres, double binWidth, double[] imageFractions,
        double[] classFractions) {

    public static RelevanceHistogram of(double[] imageValues, double[] classValues, int bins) {
        if (bins <= 0 || imageValues.length == 0 || classValues.length == 0) {
            throw new InvalidInputException("a relevance histogram needs values on both sides and at least one bin");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] set : new double[][] {imageValues, classValues}) {
            for (double v : set) {
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException("relevance value " + v + " cannot be binned");
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (hi == lo) {
            hi = lo + 1e-12;
        }
        double width = (hi - lo) / bins;
        double[] centres = new double[bins];
        for (int b = 0; b < bins; b++) {
            centres[b] = lo + (b + 0.5) * width;
        }
        return new RelevanceHistogram(centres, width, fractions(imageValues, lo, width, bins),
                fractions(classValues, lo, width, bins));
    }

    private static double[] fractions(double[] values, double lo, double width, int bins) {
        double[] out = new double[bins];
        for (double v : values) {
            int b = (int) Math.floor((v - lo) / width);
            out[Math.max(0, Math.min(bins - 1, b))] += 1.0 / values.length;
        }
        return out;
    }
}
