package nero.core.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RelevanceHistogramTest {
    @Test
    void bothSidesShareTheRangeAndSumToOne() {
        RelevanceHistogram h = RelevanceHistogram.of(new double[] {0, 0, 1, 4}, new double[] {2, 3}, 4);
        assertEquals(1.0, h.binWidth(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.25, 0, 0.25}, h.imageFractions(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5}, h.classFractions(), 1e-12);
        assertEquals(0.5, h.binCentres()[0], 1e-12);
    }
}
