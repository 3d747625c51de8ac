package nero.core.explain;

/**
 * One neuron's part in the deviation from the nearest class centroid.
 *
 * @param contribution {@code |relevance − centroidRelevance|}, the neuron's term of the unprojected L1 distance
 */
public record NeuronDeviation(int neuron, double relevance, double centroidRelevance, double activation,
        double contribution) {
}
