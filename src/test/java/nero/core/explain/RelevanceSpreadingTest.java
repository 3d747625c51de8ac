package nero.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class RelevanceSpreadingTest {
    @Test
    void spreadRelevanceSumsBackToTheNeuronRelevance() {
        Random rnd = new Random(3);
        int d = 16;
        float[] a = new float[d * 5 * 6];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.max(0f, (float) rnd.nextGaussian());
        }
        double[] r = new double[d];
        double expected = 0;
        for (int j = 0; j < d; j++) {
            r[j] = rnd.nextGaussian();
            expected += r[j];
        }
        SpatialMap map = RelevanceSpreading.spread(new FeatureMap(d, 5, 6, a), r);
        assertEquals(expected, map.sum(), 1e-9);
    }

    @Test
    void eachNeuronIsSharedInProportionToItsActivation() {
        float[] a = {1, 3, 0, 0}; // one neuron, 2×2
        SpatialMap map = RelevanceSpreading.spread(new FeatureMap(1, 2, 2, a), new double[] {2.0});
        assertEquals(0.5, map.get(0, 0), 1e-12);
        assertEquals(1.5, map.get(0, 1), 1e-12);
        assertEquals(0.0, map.get(1, 1), 1e-12);
    }

    @Test
    void aSilentNeuronIsSharedEvenlySoTheSumIsKept() {
        float[] a = new float[2 * 2 * 2];
        a[4] = 2f; // neuron 1 active at (0,0); neuron 0 all zero
        SpatialMap map = RelevanceSpreading.spread(new FeatureMap(2, 2, 2, a), new double[] {4.0, 1.0});
        assertEquals(5.0, map.sum(), 1e-12);
        assertEquals(1.0, map.get(1, 1), 1e-12);
        assertEquals(2.0, map.get(0, 0), 1e-12);
    }

    @Test
    void totalDropsTheBiasNeuronAndDeviationSumsToTheRelevanceDifference() {
        FeatureMap fm = SyntheticMaps.withOodPatch(1);
        double[] r = SyntheticMaps.relevance(fm);
        double[] c = SyntheticMaps.relevance(SyntheticMaps.inDistribution(2));
        double sumR = 0;
        double sumDiff = 0;
        for (int j = 0; j < SyntheticMaps.D; j++) {
            sumR += r[j];
            sumDiff += r[j] - c[j];
        }
        assertEquals(sumR, RelevanceSpreading.total(fm, r).sum(), 1e-9);
        assertEquals(sumDiff, RelevanceSpreading.deviation(fm, r, c).sum(), 1e-9);
    }

    @Test
    void deviationHeatmapPeaksOnTheKnownOodPatch() {
        double[] centroid = new double[SyntheticMaps.D + 1];
        for (int s = 0; s < 20; s++) {
            double[] r = SyntheticMaps.relevance(SyntheticMaps.inDistribution(100 + s));
            for (int j = 0; j < centroid.length; j++) {
                centroid[j] += r[j] / 20;
            }
        }
        FeatureMap ood = SyntheticMaps.withOodPatch(7);
        SpatialMap dev = RelevanceSpreading.deviation(ood, SyntheticMaps.relevance(ood), centroid);
        assertEquals(SyntheticMaps.PATCH_Y * SyntheticMaps.W + SyntheticMaps.PATCH_X, dev.argMax());

        SpatialMap up = dev.resizeBilinear(224, 224);
        int peak = up.argMax();
        int y = peak / 224;
        int x = peak % 224;
        assertEquals(SyntheticMaps.PATCH_Y, y / 32, "peak row " + y);
        assertEquals(SyntheticMaps.PATCH_X, x / 32, "peak column " + x);
    }

    @Test
    void wrongRelevanceLengthIsRefused() {
        FeatureMap fm = SyntheticMaps.inDistribution(1);
        assertThrows(InvalidInputException.class, () -> RelevanceSpreading.total(fm, new double[3]));
    }
}
