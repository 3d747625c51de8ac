package nero.core;

/**
 * NERO's score of one sample and its parts: {@code score = (distance + biasTerm) · normRatio}, higher = more OOD.
 *
 * @param distance               distance in PCA space to the nearest class centroid
 * @param biasTerm               {@code s · |R_bias|}
 * @param normRatio              share of the feature L1 norm carried by the k lowest-relevance neurons, in [0, 1]
 * @param nearestClass           class index of the nearest centroid
 * @param predictedClass         argmax of the logits
 * @param confidence             max softmax probability
 * @param relevance              the D+1 relevances (last = bias neuron)
 * @param lowestRelevanceNeurons the k neuron indices with the lowest relevance, ascending by relevance
 */
public record NeroScore(double score, double distance, double biasTerm, double normRatio, int nearestClass,
        int predictedClass, double confidence, double[] relevance, int[] lowestRelevanceNeurons) {
}
