package nero.core.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class NeuronRelevanceProfileTest {
    private final NeuronRelevanceProfile profile = new NeuronRelevanceProfile(
            new double[] {0.10, -0.30, 0.50, 0.00, 0.05, 0.9},
            new double[] {0.20, 0.10, 0.15, 0.00, 0.40, 0.7},
            new double[] {1.0, 2.0, 3.0, 0.0, 4.0});

    @Test
    void topDeviationsAreOrderedByContributionLargestFirst() {
        List<NeuronDeviation> top = profile.topDeviations(3);
        assertEquals(List.of(1, 4, 2), top.stream().map(NeuronDeviation::neuron).toList());
        assertEquals(0.40, top.get(0).contribution(), 1e-12);
        assertEquals(-0.30, top.get(0).relevance(), 0);
        assertEquals(0.10, top.get(0).centroidRelevance(), 0);
        assertEquals(2.0, top.get(0).activation(), 0);
        assertEquals(0.35, top.get(1).contribution(), 1e-12);
    }

    @Test
    void biasNeuronIsKeptApartFromTheNeuronViews() {
        assertEquals(0.9, profile.biasRelevance(), 0);
        assertEquals(0.7, profile.centroidBiasRelevance(), 0);
        assertEquals(5, profile.neuronsByCentroidRelevance().length);
        assertEquals(0.1 + 0.4 + 0.35 + 0 + 0.35, profile.unprojectedDistance(), 1e-12);
    }

    @Test
    void neuronsAreOrderedByCentroidRelevance() {
        assertArrayEquals(new int[] {4, 0, 2, 1, 3}, profile.neuronsByCentroidRelevance());
    }

    @Test
    void lowestRelevanceNeuronsAndTheirActivationShareGiveTheNormRatio() {
        int[] low = profile.lowestRelevanceNeurons(2);
        assertArrayEquals(new int[] {1, 3}, low);
        assertEquals(2.0 / 10.0, profile.activationShare(low), 1e-12);
        assertEquals(5, profile.lowestRelevanceNeurons(175).length);
        assertEquals(1.0, profile.activationShare(profile.lowestRelevanceNeurons(175)), 1e-12);
    }

    @Test
    void mismatchedLengthsAreRefused() {
        assertThrows(InvalidInputException.class,
                () -> new NeuronRelevanceProfile(new double[3], new double[4], new double[3]));
    }
}
