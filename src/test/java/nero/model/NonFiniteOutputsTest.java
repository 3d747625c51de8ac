package nero.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import nero.core.FeatureSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image whose features or logits are NaN is reported and skipped; the others in its batch are kept. */
class NonFiniteOutputsTest {
    @TempDir
    Path tmp;

    @Test
    void aNanImageIsSkippedAndTheRestOfItsBatchKept() throws Exception {
        // nan-on-bright.pt returns NaN features for bright images (tools/make_model_fixtures.py)
        Path white = tmp.resolve("white.png");
        BufferedImage bi = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Graphics g = bi.getGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        ImageIO.write(bi, "png", white.toFile());
        List<Path> jpegs = PreprocessorTest.kvasirJpegs();
        List<LabelledImageFiles.Entry> entries = new ArrayList<>();
        entries.add(new LabelledImageFiles.Entry(jpegs.get(0), null));
        entries.add(new LabelledImageFiles.Entry(white, null));
        entries.add(new LabelledImageFiles.Entry(jpegs.get(1), null));
        try (Classifier nan = Classifier.load(Fixtures.model("nan-on-bright.pt"))) {
            Extraction e = new FeatureExtractor(nan, new ExtractionOptions(3, 1, false, false))
                    .extract(new LabelledImageFiles(entries, List.of()), (stage, done, total) -> { });
            FeatureSet set = e.features();
            assertEquals(List.of(jpegs.get(0).toString(), jpegs.get(1).toString()), List.of(set.ids()));
            assertEquals(1, e.skipped().size());
            assertEquals(white.toString(), e.skipped().get(0).id());
            assertEquals("the model's output is not a number: feature 0 is NaN (8 of 8 features are NaN or infinite);"
                    + " the image is not scored", e.skipped().get(0).reason());
        }
    }

    @Test
    void problemsNameTheFirstBadValue() {
        assertNull(NonFiniteOutputs.problem(new float[] {1, 2}, new float[] {0, -1}, null));
        assertTrue(NonFiniteOutputs.problem(new float[] {1, 2}, new float[] {0, Float.POSITIVE_INFINITY}, null)
                .contains("logit 1 is Infinity"));
        assertTrue(NonFiniteOutputs.problem(new float[] {1}, new float[] {0}, new float[] {Float.NaN})
                .contains("ODIN logit 0 is NaN"));
    }
}
