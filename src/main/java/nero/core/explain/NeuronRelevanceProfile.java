package nero.core.explain;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import nero.core.InvalidInputException;

/**
 * One image's neuron-level relevance against the unprojected centroid {@code ν_c} of its nearest class.
 * Relevance and centroid carry D+1 entries, the last one being the bias neuron; activations carry D.
 */
public final class NeuronRelevanceProfile {
    private final double[] relevance;
    private final double[] centroid;
    private final double[] activations;
    private final int dimension;

    public NeuronRelevanceProfile(double[] relevanceWithBias, double[] centroidWithBias, double[] activations) {
        this.dimension = activations.length;
        if (relevanceWithBias.length != dimension + 1 || centroidWithBias.length != dimension + 1) {
            throw new InvalidInputException("relevance (" + relevanceWithBias.length + ") and centroid ("
                    + centroidWithBias.length + ") must have D+1 = " + (dimension + 1)
                    + " entries for " + dimension + " activations");
        }
        this.relevance = relevanceWithBias.clone();
        this.centroid = centroidWithBias.clone();
        this.activations = activations.clone();
    }

    public int dimension() {
        return dimension;
    }

    public double relevance(int neuron) {
        return relevance[neuron];
    }

    public double centroidRelevance(int neuron) {
        return centroid[neuron];
    }

    public double activation(int neuron) {
        return activations[neuron];
    }

    public double biasRelevance() {
        return relevance[dimension];
    }

    public double centroidBiasRelevance() {
        return centroid[dimension];
    }

    /** Neurons 0…D−1 ordered by the centroid's relevance, highest first (ties by index): the profile's x axis. */
    public int[] neuronsByCentroidRelevance() {
        return IntStream.range(0, dimension).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> -centroid[j]).thenComparingInt(j -> j))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The m neurons (bias excluded) whose relevance deviates most from the centroid, largest first (ties by index). */
    public List<NeuronDeviation> topDeviations(int m) {
        return IntStream.range(0, dimension).mapToObj(this::deviation)
                .sorted(Comparator.comparingDouble(NeuronDeviation::contribution).reversed()
                        .thenComparingInt(NeuronDeviation::neuron))
                .limit(Math.max(0, m)).toList();
    }

    public NeuronDeviation deviation(int neuron) {
        return new NeuronDeviation(neuron, relevance[neuron], centroid[neuron], activations[neuron],
                Math.abs(relevance[neuron] - centroid[neuron]));
    }

    /** Unprojected L1 distance to the centroid over the D neurons (the bias neuron is reported apart). */
    public double unprojectedDistance() {
        double s = 0;
        for (int j = 0; j < dimension; j++) {
            s += Math.abs(relevance[j] - centroid[j]);
        }
        return s;
    }

    /**
     * The k neurons of smallest relevance (bias excluded), smallest first: NERO's {@code I_x}. With k ≥ D all
     * neurons are taken.
     */
    public int[] lowestRelevanceNeurons(int k) {
        return IntStream.range(0, dimension).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> relevance[j]).thenComparingInt(j -> j))
                .limit(Math.max(0, k)).mapToInt(Integer::intValue).toArray();
    }

    /** Share of activation L1 mass held by the given neurons: the feature-norm ratio ρ for NERO's I_x. */
    public double activationShare(int[] neurons) {
        double total = 0;
        for (double a : activations) {
            total += Math.abs(a);
        }
        if (total == 0) {
            return Double.NaN;
        }
        double part = 0;
        for (int j : neurons) {
            part += Math.abs(activations[j]);
        }
        return part / total;
    }

    /** The D neuron relevances (bias excluded), a copy. */
    public double[] neuronRelevance() {
        return Arrays.copyOf(relevance, dimension);
    }

    /** The D centroid relevances (bias excluded), a copy. */
    public double[] neuronCentroid() {
        return Arrays.copyOf(centroid, dimension);
    }
}
