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
        double[] counts = EvaluationPlots.counts(new double[] {0, 0.5, 1, Double.NaN}, 0, 0.25, 4);
        assertArrayEquals(new double[] {1, 0, 1, 1}, counts);
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
