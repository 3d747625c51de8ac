package nero.view;

import java.util.Arrays;

/**
 * Histogram bins for two groups of scores (ID and OOD) drawn on one axis, chosen from the data so that both groups
 * are resolved: each group asks for the narrower of its Freedman–Diaconis width (2·IQR·n^(-1/3)) and its own spread
 * in Sturges' number of bins (⌈log₂ n⌉ + 1), and the narrower group's width is used, between {@value #MIN_BINS} and
 * {@value #MAX_BINS} bins over the whole range. When every score is positive and they span
 * {@value #LOG_DECADES} decades or more, the bins are equal on a log scale instead (the axis is logarithmic): a few
 * far OOD scores would otherwise squeeze all ID scores into one bar.
 *
 * @param edges bin edges, ascending (bins + 1 values), in score units
 * @param log   whether the bins (and the axis) are logarithmic
 */
public record ScoreBins(double[] edges, boolean log) {
    static final int MIN_BINS = 10;
    static final int MAX_BINS = 100;
    static final double LOG_DECADES = 2;

    public static ScoreBins choose(double[] id, double[] ood) {
        double[] a = finite(id);
        double[] b = finite(ood);
        double[] all = concat(a, b);
        if (all.length == 0) {
            return new ScoreBins(new double[] {0, 1}, false);
        }
        double min = all[0];
        double max = all[all.length - 1];
        double lowest = min;
        double highest = max;
        boolean log = min > 0 && Math.log10(max / min) >= LOG_DECADES;
        if (log) {
            a = log10(a);
            b = log10(b);
            min = Math.log10(min);
            max = Math.log10(max);
        }
        if (!(max > min)) {
            double half = Math.max(Math.abs(min) * 0.05, 0.5);
            min -= half;
            max += half;
        }
        double range = max - min;
        double width = Math.min(fdWidth(a, range), fdWidth(b, range));
        int bins = (int) Math.max(MIN_BINS, Math.min(MAX_BINS, Math.ceil(range / width)));
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            double e = min + range * i / bins;
            edges[i] = log ? Math.pow(10, e) : e;
        }
        if (log) { // exactly the lowest and highest score, whatever pow(10, log10(x)) rounds to
            edges[0] = lowest;
            edges[bins] = highest;
        }
        return new ScoreBins(edges, log);
    }

    public int count() {
        return edges.length - 1;
    }

    /** Bin centres: arithmetic, or geometric on a log scale. */
    public double[] centres() {
        double[] c = new double[count()];
        for (int i = 0; i < c.length; i++) {
            c[i] = log ? Math.sqrt(edges[i] * edges[i + 1]) : (edges[i] + edges[i + 1]) / 2;
        }
        return c;
    }

    /** How many of {@code values} fall in each bin (the last bin includes its upper edge); non-finite ones are left out. */
    public double[] counts(double[] values) {
        double[] counts = new double[count()];
        for (double v : values) {
            if (!Double.isFinite(v) || v < edges[0] || v > edges[edges.length - 1]) {
                continue;
            }
            int i = Arrays.binarySearch(edges, v);
            int bin = i >= 0 ? Math.min(i, count() - 1) : -i - 2;
            counts[Math.max(0, Math.min(count() - 1, bin))]++;
        }
        return counts;
    }

    /** How many bins hold at least one of {@code values}. */
    public int binsUsed(double[] values) {
        return (int) Arrays.stream(counts(values)).filter(c -> c > 0).count();
    }

    /** The width a group asks for (see the class); the whole range when all its values are equal. */
    private static double fdWidth(double[] sorted, double range) {
        double spread = sorted.length < 2 ? 0 : sorted[sorted.length - 1] - sorted[0];
        if (!(spread > 0)) {
            return range;
        }
        double sturges = spread / (Math.ceil(Math.log(sorted.length) / Math.log(2)) + 1);
        double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
        return iqr > 0 ? Math.min(sturges, 2 * iqr * Math.pow(sorted.length, -1.0 / 3)) : sturges;
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] finite(double[] v) {
        return v == null ? new double[0] : Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
    }

    private static double[] log10(double[] v) {
        return Arrays.stream(v).map(Math::log10).toArray();
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        Arrays.sort(c);
        return c;
    }
}
