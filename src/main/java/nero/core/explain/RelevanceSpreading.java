package nero.core.explain;

import nero.core.InvalidInputException;

/**
 * Spreads per-neuron relevance from the pooled features back over the last feature map.
 *
 * <p>Exact for global average pooling: {@code h_j = mean_{y,x} A_j(y,x)}, so neuron j's relevance is shared
 * over the locations in proportion to {@code A_j(y,x) / Σ_{y,x} A_j} (LRP-0 through the pooling layer). The map
 * therefore sums to {@code Σ_j R_j}. A neuron whose activations sum to zero has no preferred location; its
 * relevance is shared evenly, which keeps the sum.
 */
public final class RelevanceSpreading {
    private RelevanceSpreading() {
    }

    /** Spatial map of the given per-neuron relevance (length D, bias neuron excluded: it has no location). */
    public static SpatialMap spread(FeatureMap map, double[] neuronRelevance) {
        if (neuronRelevance.length != map.channels()) {
            throw new InvalidInputException("relevance has " + neuronRelevance.length
                    + " neurons but the feature map has " + map.channels() + " channels");
        }
        int hw = map.locations();
        float[] a = map.values();
        double[] out = new double[hw];
        for (int j = 0; j < map.channels(); j++) {
            double r = neuronRelevance[j];
            if (r == 0) {
                continue;
            }
            int base = j * hw;
            double total = 0;
            for (int i = 0; i < hw; i++) {
                total += a[base + i];
            }
            if (total == 0) {
                double share = r / hw;
                for (int i = 0; i < hw; i++) {
                    out[i] += share;
                }
            } else {
                double scale = r / total;
                for (int i = 0; i < hw; i++) {
                    out[i] += a[base + i] * scale;
                }
            }
        }
        return new SpatialMap(map.height(), map.width(), out);
    }

    /** Total relevance of the image: {@code R_j} for j ≤ D (a relevance vector with the bias column may be given). */
    public static SpatialMap total(FeatureMap map, double[] relevance) {
        return spread(map, withoutBias(relevance, map.channels()));
    }

    /**
     * Where the out-of-distribution evidence sits: {@code R_j − ν_j} against the nearest class centroid
     * (both vectors may carry the bias column; it is dropped). Positive = more relevance than the class usually has.
     */
    public static SpatialMap deviation(FeatureMap map, double[] relevance, double[] centroid) {
        double[] r = withoutBias(relevance, map.channels());
        double[] c = withoutBias(centroid, map.channels());
        double[] d = new double[r.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = r[j] - c[j];
        }
        return spread(map, d);
    }

    private static double[] withoutBias(double[] v, int d) {
        if (v.length == d) {
            return v;
        }
        if (v.length == d + 1) {
            double[] out = new double[d];
            System.arraycopy(v, 0, out, 0, d);
            return out;
        }
        throw new InvalidInputException("relevance vector has " + v.length + " entries; the feature map needs " + d
                + " (or " + (d + 1) + " with the bias neuron)");
    }
}
