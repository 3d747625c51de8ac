package nero.core;

import static nero.core.TestVectors.assertRelative;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** TV3 and the threshold convention. */
class OodMetricsTest {
    private static double[] tv3aIn() {
        double[] v = new double[20];
        for (int i = 0; i < 20; i++) {
            v[i] = (i + 1) / 10.0;
        }
        return v;
    }

    @Test
    void tv3a() {
        double[] in = tv3aIn();
        double[] ood = {0.5, 1.9, 1.95, 2.0, 2.5, 3.0};
        assertRelative(0.8458333333, OodMetrics.auroc(in, ood), 1e-9, "AUROC");
        assertEquals(2.0, ThresholdCalibrator.thresholdForTpr(in, 0.95), 1e-12);
        assertRelative(0.6666666667, OodMetrics.fpr95(in, ood), 1e-9, "FPR95");
    }

    @Test
    void tv3bTiesCountHalf() {
        double[] in = {0.2, 0.4, 0.4, 0.9};
        double[] ood = {0.4, 0.3, 1.0};
        assertRelative(7 / 12.0, OodMetrics.auroc(in, ood), 1e-12, "AUROC");
        assertEquals(0.9, ThresholdCalibrator.thresholdForTpr(in, 0.95), 0);
        assertRelative(0.6666666667, OodMetrics.fpr95(in, ood), 1e-9, "FPR95");
    }

    @Test
    void perfectSeparationGivesAurocOneAndFprZero() {
        Random rnd = new Random(1);
        double[] in = new double[137];
        double[] ood = new double[59];
        for (int i = 0; i < in.length; i++) {
            in[i] = rnd.nextDouble();
        }
        for (int i = 0; i < ood.length; i++) {
            ood[i] = 1.0001 + rnd.nextDouble();
        }
        DetectionMetrics m = OodMetrics.evaluate(in, ood);
        assertEquals(1.0, m.auroc(), 0);
        assertEquals(0.0, m.fpr95(), 0);
        assertEquals(1.0, m.auprIn(), 1e-12);
        assertEquals(1.0, m.auprOut(), 1e-12);
        assertEquals(0.0, OodMetrics.auroc(ood, in), 0, "swapping roles inverts");
    }

    @Test
    void averagePrecisionMatchesSklearnExample() {
        // sklearn doc: y = [0,0,1,1], scores = [0.1,0.4,0.35,0.8] → AP = 0.8333...
        assertRelative(0.8333333333, OodMetrics.auprOut(new double[] {0.1, 0.4}, new double[] {0.35, 0.8}), 1e-9,
                "AP");
        // ID positive: negated scores
        assertRelative(OodMetrics.averagePrecision(new double[] {-0.1, -0.4}, new double[] {-0.35, -0.8}),
                OodMetrics.auprIn(new double[] {0.1, 0.4}, new double[] {0.35, 0.8}), 1e-12, "AUPR-IN");
    }

    @Test
    void thresholdConventionKeepsAtLeastTprOfIdAsId() {
        double[] in = tv3aIn();
        for (double tpr : new double[] {0.5, 0.8, 0.95, 1.0}) {
            double t = ThresholdCalibrator.thresholdForTpr(in, tpr);
            int keptAsId = 0;
            for (double s : in) {
                keptAsId += ThresholdCalibrator.isOod(s, t) ? 0 : 1;
            }
            assertTrue(keptAsId >= tpr * in.length, "tpr " + tpr);
            assertEquals(Math.min((int) Math.floor(tpr * in.length) + 1, in.length), keptAsId);
        }
        assertFalse(ThresholdCalibrator.isOod(2.0, 2.0), "equal to the threshold is ID");
        assertTrue(ThresholdCalibrator.isOod(2.0000001, 2.0));
        assertThrows(InvalidInputException.class, () -> ThresholdCalibrator.thresholdForTpr(in, 0));
        assertThrows(InvalidInputException.class, () -> ThresholdCalibrator.thresholdForTpr(new double[0], 0.95));
    }

    @Test
    void emptyOrNanScoresAreRefused() {
        assertThrows(InvalidInputException.class, () -> OodMetrics.auroc(new double[0], new double[] {1}));
        assertThrows(InvalidInputException.class, () -> OodMetrics.auroc(new double[] {Double.NaN}, new double[] {1}));
    }

    @Test
    void rocCurveOfSeparatedScoresPassesThroughTheTopLeftCorner() {
        double[][] roc = OodMetrics.rocCurve(new double[] {0.1, 0.2, 0.3}, new double[] {0.8, 0.9});
        assertEquals(0, roc[0][0]);
        assertEquals(1, roc[0][roc[0].length - 1]);
        boolean corner = false;
        for (int i = 0; i < roc[0].length; i++) {
            corner |= roc[0][i] == 0 && roc[1][i] == 1;
        }
        assertTrue(corner, "fpr 0 at tpr 1 for perfectly separated scores");
    }

    @Test
    void rocCurveOfTiedScoresIsTheDiagonalStep() {
        double[][] roc = OodMetrics.rocCurve(new double[] {1, 1}, new double[] {1, 1});
        assertArrayEquals(new double[] {0, 1, 1}, roc[0]);
        assertArrayEquals(new double[] {0, 1, 1}, roc[1]);
    }
}
