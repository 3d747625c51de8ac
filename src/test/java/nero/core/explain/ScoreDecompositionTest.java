package nero.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScoreDecompositionTest {
    @Test
    void percentileCountsValidationScoresAtOrBelow() {
        double[] sorted = {0.1, 0.2, 0.2, 0.5, 0.9};
        assertEquals(0.0, ScoreDecomposition.percentile(0.05, sorted), 0);
        assertEquals(60.0, ScoreDecomposition.percentile(0.2, sorted), 0);
        assertEquals(100.0, ScoreDecomposition.percentile(3.0, sorted), 0);
    }

    @Test
    void verdictIsOodAboveTheThresholdAndTheSummaryNamesTheParts() {
        ScoreDecomposition d = ScoreDecomposition.of("polyp", 0.93, "normal", 2.0, 0.5, 0.4, 1.0, 0.8,
                new double[] {0.1, 0.5, 0.9});
        assertTrue(d.ood());
        assertEquals("OOD", d.verdict());
        assertEquals(2.5, d.unscaledScore(), 1e-12);
        assertTrue(d.summary().contains("nearest class centroid: normal"), d.summary());
        assertEquals(100.0, d.percentile(), 1e-9);
    }
}
