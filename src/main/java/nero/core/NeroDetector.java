package nero.core;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * NERO (Chhetri et al., MICCAI 2025) as the authors' code computes it. Fit: relevance of every training sample,
 * PCA on its first D columns, one centroid per ground-truth class (mean of projected relevance), and the bias
 * scale {@code s = mean_i min_c ‖R_i − ν_c‖₁ / mean_i |R_i,bias|} in the unprojected (D+1) space. Score:
 * {@code S(x) = (min_c dist(P(R_x), μ_c) + s·|R_x,bias|) · ρ(x)} where ρ is the activation L1 share of the k
 * lowest-relevance neurons. Higher = more OOD.
 *
 * <p>Fitting streams the relevance twice (computed again from the features in the second pass) and keeps no
 * N×D copy; the covariance is accumulated in double. When the mean training |R_bias| is 0 (a head without
 * bias), s is 0.
 */
public final class NeroDetector {
    private final NeroState state;
    private final HeadWeights head;
    private final Pca pca;
    private final double[][] projectedCentroids;

    private NeroDetector(NeroState state, HeadWeights head) {
        this.state = state;
        this.head = head;
        this.pca = new Pca(state.pcaMean(), state.pcaBasis(), state.eigenvalues());
        this.projectedCentroids = new double[state.relevanceCentroids().length][];
        for (int c = 0; c < projectedCentroids.length; c++) {
            projectedCentroids[c] = pca.project(state.relevanceCentroids()[c]);
        }
    }

    /** Fits on training features and logits; {@code train.labels()} are the ground-truth classes. */
    public static NeroDetector fit(FeatureSet train, HeadWeights head, NeroParameters p) {
        checkDimensions(train, head);
        RelevanceRows rows = (i, out) -> Relevance.computeInto(train.features()[i], train.logits()[i], head,
                p.rule(), train.ids()[i], out);
        return fit(rows, train.size(), train.labels(), train.ids(), head, p);
    }

    /** Fits directly on precomputed N×(D+1) relevance (last column = bias neuron). */
    public static NeroDetector fitOnRelevance(float[][] relevance, int[] labels, HeadWeights head, NeroParameters p) {
        int d = head.dimension();
        if (relevance.length != labels.length) {
            throw new InvalidInputException(relevance.length + " relevance rows but " + labels.length + " labels");
        }
        String[] ids = new String[relevance.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "#" + i;
            InputChecks.length(relevance[i], d + 1, "the relevance row", ids[i]);
            InputChecks.finite(relevance[i], "relevance", ids[i]);
        }
        RelevanceRows rows = (i, out) -> {
            for (int j = 0; j <= d; j++) {
                out[j] = relevance[i][j];
            }
        };
        return fit(rows, relevance.length, labels, ids, head, p);
    }

    public static NeroDetector fromState(NeroState s, HeadWeights head) {
        if (s.dimension() != head.dimension() || s.classes() != head.classes()) {
            throw new InvalidInputException("the detector was fitted for a head with D = " + s.dimension() + ", C = "
                    + s.classes() + " but the model's head has D = " + head.dimension() + ", C = " + head.classes());
        }
        return new NeroDetector(s, head);
    }

    private interface RelevanceRows {
        void row(int i, double[] out);
    }

    private static NeroDetector fit(RelevanceRows rows, int n, int[] labels, String[] ids, HeadWeights head,
            NeroParameters p) {
        int d = head.dimension();
        int classes = head.classes();
        p.validateFor(d, n);
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new InvalidInputException("training sample " + ids[i] + " has label " + labels[i]
                        + "; fitting needs a ground-truth class between 0 and " + (classes - 1));
            }
        }
        CovarianceAccumulator cov = new CovarianceAccumulator(d);
        double[][] classSums = new double[classes][d + 1];
        long[] counts = new long[classes];
        double biasSum = 0;
        double[] r = new double[d + 1];
        for (int i = 0; i < n; i++) {
            rows.row(i, r);
            cov.add(r);
            double[] target = classSums[labels[i]];
            for (int j = 0; j <= d; j++) {
                target[j] += r[j];
            }
            counts[labels[i]]++;
            biasSum += Math.abs(r[d]);
        }
        int present = (int) Arrays.stream(counts).filter(c -> c > 0).count();
        int[] centroidClasses = new int[present];
        double[][] centroids = new double[present][];
        for (int c = 0, row = 0; c < classes; c++) {
            if (counts[c] > 0) {
                centroidClasses[row] = c;
                double[] v = classSums[c];
                for (int j = 0; j <= d; j++) {
                    v[j] /= counts[c];
                }
                centroids[row++] = v;
            }
        }
        Pca pca = Pca.fromCovariance(cov.mean(), cov.covariance(), p.componentsFor(d));
        double[] nearest = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] ri = new double[d + 1];
            rows.row(i, ri);
            double best = Double.POSITIVE_INFINITY;
            for (double[] nu : centroids) {
                best = Math.min(best, Distance.L1.between(ri, nu));
            }
            nearest[i] = best;
        });
        double distSum = 0;
        for (double v : nearest) {
            distSum += v;
        }
        double biasScale = biasSum == 0 ? 0 : (distSum / n) / (biasSum / n);
        NeroState state = new NeroState(p, d, classes, biasScale, pca.mean(), pca.basis(), pca.eigenvalues(),
                centroids, centroidClasses);
        return new NeroDetector(state, head);
    }

    private static void checkDimensions(FeatureSet set, HeadWeights head) {
        if (set.size() > 0 && set.dimension() != head.dimension()) {
            throw new InvalidInputException("features have D = " + set.dimension() + " but the classifier head expects "
                    + head.dimension());
        }
    }

    public NeroScore score(float[] features, float[] logits) {
        return score(features, logits, "(unnamed)");
    }

    public NeroScore[] score(FeatureSet samples) {
        checkDimensions(samples, head);
        NeroScore[] out = new NeroScore[samples.size()];
        IntStream.range(0, out.length).parallel().forEach(i ->
                out[i] = score(samples.features()[i], samples.logits()[i], samples.ids()[i]));
        return out;
    }

    /** Just S(x) for each sample. */
    public double[] scores(FeatureSet samples) {
        return Arrays.stream(score(samples)).mapToDouble(NeroScore::score).toArray();
    }

    private NeroScore score(float[] h, float[] logits, String id) {
        int d = state.dimension();
        double[] r = new double[d + 1];
        Relevance.computeInto(h, logits, head, state.parameters().rule(), id, r);
        double[] y = pca.project(r);
        double best = Double.POSITIVE_INFINITY;
        int nearest = -1;
        Distance distance = state.parameters().distance();
        for (int c = 0; c < projectedCentroids.length; c++) {
            double dist = distance.between(y, projectedCentroids[c]);
            if (dist < best) {
                best = dist;
                nearest = state.centroidClasses()[c];
            }
        }
        double biasTerm = state.biasScale() * Math.abs(r[d]);
        int[] lowest = LowestRelevance.indices(r, d, state.parameters().k());
        double selected = 0;
        for (int j : lowest) {
            selected += Math.abs(h[j]);
        }
        double total = 0;
        for (int j = 0; j < d; j++) {
            total += Math.abs(h[j]);
        }
        double ratio = selected / total;
        double[] p = Softmax.of(logits);
        int predicted = Softmax.argmax(logits);
        return new NeroScore((best + biasTerm) * ratio, best, biasTerm, ratio, nearest, predicted, p[predicted], r,
                lowest);
    }

    public NeroParameters parameters() {
        return state.parameters();
    }

    public int dimension() {
        return state.dimension();
    }

    public int classes() {
        return state.classes();
    }

    public int components() {
        return pca.components();
    }

    /** The bias scale s. */
    public double biasScale() {
        return state.biasScale();
    }

    /** Centroids μ_c in PCA space, one row per entry of {@link #centroidClasses()}. */
    public double[][] projectedCentroids() {
        return projectedCentroids;
    }

    /** Unprojected centroids ν_c, (D+1) wide. */
    public double[][] relevanceCentroids() {
        return state.relevanceCentroids();
    }

    /** PCA projection of the first D values of a relevance vector. */
    public double[] project(double[] relevanceWithBias) {
        return pca.project(relevanceWithBias);
    }

    public int[] centroidClasses() {
        return state.centroidClasses();
    }

    public NeroState state() {
        return state;
    }

    public HeadWeights head() {
        return head;
    }
}
