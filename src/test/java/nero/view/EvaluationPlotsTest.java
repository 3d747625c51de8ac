package nero.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationPlotsTest {
    @Test
    void histogramCountsEveryFiniteScoreOnce() {
        ScoreBins bins = new ScoreBins(new double[] {0, 0.25, 0.5, 0.75, 1}, false);
        assertArrayEquals(new double[] {1, 0, 1, 1}, bins.counts(new double[] {0, 0.5, 1, Double.NaN}));
    }

    /** NERO scores of the sample data: ID tightly together near zero, OOD spread over two decades. */
    static double[] spread(int n, double from, double to, boolean geometric) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double t = i / (n - 1.0);
            v[i] = geometric ? from * Math.pow(to / from, t * t) : from + (to - from) * t * t;
        }
        return v;
    }

    @Test
    void binsResolveBothGroupsWhenOodScoresSpanDecades() {
        double[] id = spread(60, 0.02, 0.06, false);
        double[] ood = spread(60, 0.05, 20, true);
        ScoreBins bins = ScoreBins.choose(id, ood);
        assertTrue(bins.log(), "scores spanning decades get a log axis");
        assertTrue(bins.binsUsed(id) >= 5, "ID in " + bins.binsUsed(id) + " bins");
        assertTrue(bins.binsUsed(ood) >= 5, "OOD in " + bins.binsUsed(ood) + " bins");
        assertEquals(120, java.util.Arrays.stream(bins.counts(concat(id, ood))).sum(), 0, "every score counted");
        // equal-width bins over the same range (what the plot did before) put all 60 ID scores in one bin
        ScoreBins linear = new ScoreBins(linearEdges(0.02, 20, 40), false);
        assertEquals(1, linear.binsUsed(id));
    }

    @Test
    void binsOnALinearAxisWhenScoresAreCloseOrNegative() {
        double[] id = spread(50, -3, 1, false);
        double[] ood = spread(50, -1, 4, false);
        ScoreBins bins = ScoreBins.choose(id, ood);
        assertTrue(!bins.log());
        assertTrue(bins.binsUsed(id) >= 5 && bins.binsUsed(ood) >= 5);
        assertTrue(bins.count() >= ScoreBins.MIN_BINS && bins.count() <= ScoreBins.MAX_BINS);
        ScoreBins same = ScoreBins.choose(new double[] {2, 2, 2}, new double[] {2});
        assertEquals(1, same.binsUsed(new double[] {2}), "all scores equal: still a histogram");
    }

    @Test
    void theHistogramDrawsNerosThresholdWhenKnown() {
        Map<String, double[]> id = Map.of("nero", spread(60, 0.02, 0.06, false));
        Map<String, double[]> ood = Map.of("nero", spread(60, 0.05, 20, true));
        ij.gui.Plot with = EvaluationPlots.histogram(id, ood, 0.055);
        ij.gui.Plot without = EvaluationPlots.histogram(id, ood);
        assertEquals(without.getNumPlotObjects() + 2, with.getNumPlotObjects(), "a line and its label");
        assertTrue(String.join("|", with.getPlotObjectDesignations()).contains("threshold"),
                String.join("|", with.getPlotObjectDesignations()));
    }

    static double[] linearEdges(double from, double to, int bins) {
        double[] e = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            e[i] = from + (to - from) * i / bins;
        }
        return e;
    }

    static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void plotsRenderToNonEmptyPngsHeadless(@TempDir Path dir) throws Exception {
        Map<String, double[]> id = new LinkedHashMap<>();
        id.put("msp", new double[] {0.2, 0.5, 0.9});
        id.put("nero", new double[] {0.1, 0.2, 0.3});
        Map<String, double[]> ood = Map.of("nero", new double[] {0.8, 0.9}, "msp", new double[] {0.4, 0.95});
        ImagePlus roc = EvaluationPlots.roc(id, ood).getImagePlus();
        ViewFiles.png(roc, dir.resolve("roc.png"));
        ImagePlus hist = EvaluationPlots.histogram(id, ood).getImagePlus();
        ViewFiles.png(hist, dir.resolve("histogram.png"));
        assertTrue(roc.getWidth() > 100 && hist.getHeight() > 100);
        for (String name : List.of("roc.png", "histogram.png")) {
            ImagePlus png = IJ.openImage(dir.resolve(name).toString());
            assertTrue(png.getStatistics().stdDev > 1, name + " is not blank");
        }
        assertEquals("nero", EvaluationPlots.histogramMethod(id), "NERO's histogram even when it is not first");
    }
}
