package nero.core.explain;

/**
 * Everything the views of one explained image are drawn from, as plain numbers.
 *
 * @param score          the score's parts and verdict
 * @param profile        relevance against the nearest class's unprojected centroid
 * @param k              NERO's number of lowest-relevance neurons (the norm ratio's I_x)
 * @param topNeurons     rows of the top-deviation table
 * @param featureMap     the last feature map, or null when the model has none (no spatial heatmaps then)
 * @param inputGradient  gradient×input summed over channels at the model's input size, or null
 * @param space          the 2-D relevance space, or null when the detector stores no training sample
 * @param componentDeviations per PCA component i, {@code |P(R)_i − μ_i|} against the nearest centroid (the terms of
 *                       the L1 relevance distance), or null
 */
public record Explanation(String id, ScoreDecomposition score, NeuronRelevanceProfile profile, int k,
        int topNeurons, FeatureMap featureMap, SpatialMap inputGradient, RelevanceSpace space,
        double[] componentDeviations) {
    public static final int DEFAULT_TOP_NEURONS = 20;
    public static final int HISTOGRAM_BINS = 40;

    /** Total relevance spread over the feature map (null without a feature map). */
    public SpatialMap relevanceMap() {
        return featureMap == null ? null : RelevanceSpreading.spread(featureMap, profile.neuronRelevance());
    }

    /** Deviation from the centroid, {@code R_j − ν_j}, spread over the feature map (null without a feature map). */
    public SpatialMap deviationMap() {
        if (featureMap == null) {
            return null;
        }
        double[] r = profile.neuronRelevance();
        double[] c = profile.neuronCentroid();
        for (int j = 0; j < r.length; j++) {
            r[j] -= c[j];
        }
        return RelevanceSpreading.spread(featureMap, r);
    }

    /** {@code |projected_i − centroid_i|} per component. */
    public static double[] componentDeviations(double[] projected, double[] projectedCentroid) {
        double[] out = new double[Math.min(projected.length, projectedCentroid.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(projected[i] - projectedCentroid[i]);
        }
        return out;
    }

    public RelevanceHistogram histogram() {
        return RelevanceHistogram.of(profile.neuronRelevance(), profile.neuronCentroid(), HISTOGRAM_BINS);
    }
}
