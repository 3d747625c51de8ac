package nero.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import nero.core.explain.Explanation;
import nero.core.explain.FeatureMap;
import nero.core.explain.InputAttribution;
import nero.core.explain.NeuronRelevanceProfile;
import nero.core.explain.RelevanceSpace;
import nero.core.explain.ScoreDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplanationWriterTest {
    @TempDir
    Path dir;

    private static Explanation explanation(boolean spatial) {
        Random rnd = new Random(9);
        int d = 16;
        float[] a = new float[d * 7 * 7];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.abs(rnd.nextGaussian());
        }
        FeatureMap fm = new FeatureMap(d, 7, 7, a);
        double[] h = fm.pooled();
        double[] r = new double[d + 1];
        double[] c = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            r[j] = rnd.nextGaussian() * 0.05;
            c[j] = rnd.nextGaussian() * 0.05;
        }
        float[] grad = new float[3 * 64 * 64];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = (float) rnd.nextGaussian();
        }
        double[][] pts = {{0, 0}, {1, 1}, {5, 5}, {6, 4}};
        RelevanceSpace space = new RelevanceSpace(pts, new int[] {0, 0, 1, 1}, List.of("normal", "polyp"),
                new double[][] {{0.5, 0.5}, {5.5, 4.5}}, new int[] {0, 1}, new double[] {9, -2});
        ScoreDecomposition s = ScoreDecomposition.of("polyp", 0.9, "normal", 3.0, 0.4, 0.5, 1.7, 1.2,
                new double[] {0.2, 0.6, 1.0, 1.5});
        return new Explanation("sub/dir/case 01.png", s, new NeuronRelevanceProfile(r, c, h), 5, 8,
                spatial ? fm : null, spatial ? InputAttribution.sumChannels(grad, 3, 64, 64) : null,
                spatial ? space : null, spatial ? new double[] {0.5, 2.0, 0.1} : null);
    }

    private static ImagePlus image() {
        return new ImagePlus("case 01", new ByteProcessor(150, 120));
    }

    @Test
    void writesEveryViewWithHeatmapsAtTheImageSize() throws IOException {
        ExplanationViews v = ExplanationWriter.write(image(), explanation(true), dir);
        List<String> names = v.files().stream().map(f -> f.getFileName().toString()).toList();
        assertEquals(List.of("case_01_summary.txt", "case_01_score.csv", "case_01_top_neurons.csv", "case_01_pca_components.csv",
                "case_01_relevance_profile.png", "case_01_relevance_histogram.png", "case_01_relevance_space.png",
                "case_01_relevance_heatmap.png", "case_01_relevance_heatmap.tif", "case_01_deviation_heatmap.png",
                "case_01_deviation_heatmap.tif", "case_01_gradient_input.png"), names);
        for (Path f : v.files()) {
            assertTrue(Files.size(f) > 0, f.toString());
        }
        for (String heat : List.of("case_01_relevance_heatmap.png", "case_01_deviation_heatmap.png",
                "case_01_gradient_input.png")) {
            BufferedImage img = ImageIO.read(dir.resolve(heat).toFile());
            assertEquals(150, img.getWidth(), heat);
            assertEquals(120, img.getHeight(), heat);
        }
        assertEquals(9, Files.readAllLines(dir.resolve("case_01_top_neurons.csv")).size());
        List<String> components = Files.readAllLines(dir.resolve("case_01_pca_components.csv"));
        assertEquals("component,deviation,share_of_distance", components.get(0));
        assertTrue(components.get(1).startsWith("2,"), components.get(1));
        assertEquals(150, v.overlayImage().getWidth());
        assertTrue(v.overlayImage().getOverlay().size() >= 2);
        assertTrue(v.summary().contains("OOD: score"), v.summary());
    }

    /** The explanation's tables are CSV as every other table: quoted where needed, formulas defused. */
    @Test
    void theScoreTableIsSafeCsvForAnyFileOrClassName() throws IOException {
        ScoreDecomposition s = ScoreDecomposition.of("=HYPERLINK(\"http://x\")", 0.9, "@sum", 3.0, 0.4, 0.5, 1.7,
                1.2, new double[] {0.2, 0.6, 1.0, 1.5});
        Explanation plain = explanation(false);
        Explanation e = new Explanation("/data/a,b \"c\".png", s, plain.profile(), 5, 8, null, null, null, null);
        ExplanationWriter.write(image(), e, dir);
        try (var reader = Files.newBufferedReader(dir.resolve("a_b__c__score.csv"))) {
            var records = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                    .build().parse(reader).getRecords();
            assertEquals(1, records.size());
            var row = records.get(0);
            assertEquals("/data/a,b \"c\".png", row.get("image"));
            assertEquals("'=HYPERLINK(\"http://x\")", row.get("predicted_class"));
            assertEquals("'@sum", row.get("nearest_class"));
            assertEquals(1.7, Double.parseDouble(row.get("score")), 1e-9);
            assertEquals("OOD", row.get("verdict"));
        }
    }

    @Test
    void withoutFeatureMapOnlyTheNeuronViewsAreWritten() {
        Explanation e = explanation(false);
        ExplanationViews v = ExplanationWriter.write(image(), e, dir);
        assertEquals(5, v.files().size());
        assertNull(ExplanationWriter.tile(image(), e));
        assertEquals(150, v.overlayImage().getWidth());
    }

    @Test
    void fileStemDropsFoldersExtensionAndOddCharacters() {
        assertEquals("case_01", ExplanationWriter.fileStem("a/b/case 01.dcm"));
        assertEquals("image", ExplanationWriter.fileStem(""));
    }
}
