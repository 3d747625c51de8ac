package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.TextRoi;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nero.app.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the commands publish: the score and metrics Results tables (the verdict overlay: VerdictOverlayTest). */
class TablesAndOverlayTest {
    static final Reports.ScoreRow OOD_ROW = new Reports.ScoreRow("ood/noise/a.png", "polyp", 0.61, 3.5, 2.9, 0.4,
            1.2, "normal", 2.8, true, Map.of("msp", -0.61, "energy", -4.25));
    static final Reports.ScoreRow ID_ROW = new Reports.ScoreRow("id/test/polyp/b.png", "polyp", 0.97, 1.25, 1.0,
            0.15, 1.0, "polyp", 2.8, false, Map.of("msp", -0.97));

    @Test
    void scoreTableHasOneRowPerImageWithTheContractColumnsInOrder() {
        ResultsTable table = ScoreTable.of(List.of(OOD_ROW, ID_ROW), List.of("msp", "energy"));
        assertEquals(2, table.size());
        assertArrayEquals(new String[] {"path", "predicted_class", "confidence", "nero_score", "distance", "bias_term",
            "norm_ratio", "nearest_class", "threshold", "verdict", "msp", "energy"}, table.getHeadings());
        assertEquals("ood/noise/a.png", table.getStringValue("path", 0));
        assertEquals(3.5, table.getValue("nero_score", 0), 1e-12);
        assertEquals(0.4, table.getValue("bias_term", 0), 1e-12);
        assertEquals("normal", table.getStringValue("nearest_class", 0));
        assertEquals("OOD", table.getStringValue("verdict", 0));
        assertEquals("ID", table.getStringValue("verdict", 1));
        assertEquals(-4.25, table.getValue("energy", 0), 1e-12);
        assertTrue(Double.isNaN(table.getValue("energy", 1)), "a method without a score for an image is NaN");
    }

    @Test
    void metricsTableHasOneRowPerMethod() {
        ResultsTable table = MetricsTable.of(List.of(new Reports.MethodMetrics("nero", 0.9, 0.3, 0.8, 0.95),
                new Reports.MethodMetrics("msp", 0.7, 0.6, 0.5, 0.75)));
        assertArrayEquals(new String[] {"method", "auroc", "fpr95", "aupr_in", "aupr_out"}, table.getHeadings());
        assertEquals("msp", table.getStringValue("method", 1));
        assertEquals(0.6, table.getValue("fpr95", 1), 1e-12);
    }
}
