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

    @Test
    void aNamedTableCollectsTheRowsOfEveryRunWithTheirRunColumns() {
        ResultsTable named = new ResultsTable();
        NamedTables.addRows(named, ScoreTable.of(List.of(OOD_ROW), List.of()), Map.of());
        NamedTables.addRows(named, ScoreTable.of(List.of(ID_ROW, OOD_ROW), List.of("msp")), Map.of("run", "second"));
        assertEquals(3, named.size());
        assertEquals("ood/noise/a.png", named.getStringValue("path", 0));
        assertEquals("id/test/polyp/b.png", named.getStringValue("path", 1));
        assertEquals(1.25, named.getValue("nero_score", 1), 1e-12);
        assertEquals("OOD", named.getStringValue("verdict", 2));
        assertTrue(Double.isNaN(named.getValue("msp", 0)), "a column only a later run has is empty before it");
        assertEquals(-0.97, named.getValue("msp", 1), 1e-12);
        assertEquals("second", named.getStringValue("run", 2));
    }

    @Test
    void theScorePartsAddUpToTheScore() {
        nero.core.explain.ScoreDecomposition s = nero.core.explain.ScoreDecomposition.of("polyp", 0.6, "normal", 2.0,
                0.5, 1.2, 3.0, 2.8, new double[] {1, 2, 3});
        ResultsTable parts = nero.view.ScorePartsTable.create(s);
        assertEquals("distance", parts.getStringValue("part", 0));
        assertEquals(0.8, parts.getValue("share", 0), 1e-12);
        assertEquals(2.5, parts.getValue("value", 2), 1e-12);
        assertEquals("score", parts.getStringValue("part", 4));
        assertEquals(2.5 * 1.2, parts.getValue("value", 4), 1e-12);
        assertTrue(parts.getStringValue("about", 5).startsWith("verdict OOD"), parts.getStringValue("about", 5));
    }

    @Test
    void theAboutBoxGivesVersionCitationLicenceAndDocs() {
        String text = AboutCommand.text("0.1.0", null);
        assertTrue(text.startsWith("NERO for Fiji 0.1.0"), text);
        assertTrue(text.contains("MICCAI 2025, arXiv:2506.15404"), text);
        assertTrue(text.contains("BSD 2-Clause"), text);
        assertTrue(text.contains(NeroCommand.DOCS), text);
        assertTrue(text.contains("Detector in use: none yet"), text);
    }
}
