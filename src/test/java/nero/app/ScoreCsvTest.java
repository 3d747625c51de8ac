package nero.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The score CSV: the contract's columns in order, full precision, empty where a method has no score. */
class ScoreCsvTest {
    static final Reports.ScoreRow OOD_ROW = new Reports.ScoreRow("ood/noise/a.png", "polyp", 0.61, 3.5, 2.9, 0.4,
            1.2, "normal", 2.8, true, Map.of("msp", -0.61, "energy", -4.25));
    static final Reports.ScoreRow ID_ROW = new Reports.ScoreRow("id/test/polyp/b.png", "polyp", 0.97, 1.25, 1.0,
            0.15, 1.0, "polyp", 2.8, false, Map.of("msp", -0.97));

    @Test
    void savedCsvStartsWithThePathColumnAndKeepsFullPrecision(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("scores.csv");
        ScoreCsv.write(csv, List.of(OOD_ROW, ID_ROW), List.of("msp", "energy"));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        assertEquals("path,predicted_class,confidence,nero_score,distance,bias_term,norm_ratio,nearest_class,threshold,"
                + "verdict,msp,energy", lines.get(0));
        assertEquals("ood/noise/a.png,polyp,0.61,3.5,2.9,0.4,1.2,normal,2.8,OOD,-0.61,-4.25", lines.get(1));
        assertEquals("id/test/polyp/b.png,polyp,0.97,1.25,1.0,0.15,1.0,polyp,2.8,ID,-0.97,", lines.get(2),
                "a method without a score for an image is empty");
    }
}
