package nero.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.image.ModelInput;
import nero.io.source.ImageSources;
import org.junit.jupiter.api.Test;

/**
 * The default reduced-size JPEG decoding against the exact one (whose resized pixels equal torchvision's, see
 * {@link PreprocessorTest}) on the real Kvasir frames: resized pixels against torchvision's, and the real ImageNet
 * MobileNetV2's features, within the tolerance the model layer is held to (relative L1 difference: mean ≤ 2 %,
 * max ≤ 5 %). An explanation reads the same pixels as a score.
 */
class ReducedDecodeFeaturesTest {
    private static final Preprocessor P224 = new Preprocessor(nero.core.Preprocessing.imagenet(224));

    @Test
    void resizedPixelsStayCloseToTorchvision() throws IOException {
        for (Path jpeg : PreprocessorTest.kvasirJpegs()) {
            String stem = jpeg.getFileName().toString().replace(".jpg", "");
            int[] expected = (int[]) ij.IJ.openImage(Fixtures.model("resize-" + stem + ".png").toString()).getProcessor()
                    .convertToRGB().getPixels();
            ImagePlus reduced = item(jpeg).readForModel(224, 224);
            ImagePlus full = ij.IJ.openImage(jpeg.toString());
            boolean large = full.getWidth() >= 4 * 224 && full.getHeight() >= 4 * 224;
            assertEquals(large ? full.getWidth() / 2 : full.getWidth(), reduced.getWidth(), "halved when ≥ 4× the input");
            int[] ours = Preprocessor.resizeArgb((int[]) reduced.getProcessor().getPixels(), reduced.getWidth(),
                    reduced.getHeight(), 224, 224);
            long sum = 0;
            int max = 0;
            for (int i = 0; i < ours.length; i++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = Math.abs((ours[i] >> shift & 0xff) - (expected[i] >> shift & 0xff));
                    sum += d;
                    max = Math.max(max, d);
                }
            }
            double mean = sum / (3.0 * ours.length);
            System.out.printf("reduced decode %s (%dx%d): mean |ours − torchvision| %.3f/255, max %d%n", stem,
                    reduced.getWidth(), reduced.getHeight(), mean, max);
            assertTrue(mean <= 1.0, stem + ": mean difference " + mean);
        }
    }

    @Test
    void mobileNetFeaturesStayWithinTheModelLayersTolerance() throws IOException {
        List<Path> jpegs = new ArrayList<>(PreprocessorTest.kvasirJpegs());
        try (DirectoryStream<Path> extra = Files.newDirectoryStream(Fixtures.shared("data", "kvasir-extra"), "*.jpg")) {
            extra.forEach(jpegs::add);
        }
        try (Classifier mobilenet = Classifier.load(Fixtures.shared("models", "mobilenetv2-imagenet-nero.pt"))) {
            double sum = 0;
            double max = 0;
            for (Path jpeg : jpegs) {
                float[] reduced = features(mobilenet, P224.toTensor(item(jpeg).readForModel(224, 224)));
                float[] exact;
                System.setProperty(ModelInput.MODE_PROPERTY, "exact");
                try {
                    exact = features(mobilenet, P224.toTensor(item(jpeg).readForModel(224, 224)));
                } finally {
                    System.clearProperty(ModelInput.MODE_PROPERTY);
                }
                double diff = 0;
                double norm = 0;
                for (int j = 0; j < exact.length; j++) {
                    diff += Math.abs(reduced[j] - exact[j]);
                    norm += Math.abs(exact[j]);
                }
                double relative = diff / norm;
                System.out.printf("MobileNetV2 features, reduced vs exact decode, %s: relative L1 %.4f%n",
                        jpeg.getFileName(), relative);
                sum += relative;
                max = Math.max(max, relative);
            }
            double mean = sum / jpegs.size();
            System.out.printf("MobileNetV2 features over %d real frames: mean relative L1 %.4f, max %.4f%n",
                    jpegs.size(), mean, max);
            assertEquals(6, jpegs.size());
            assertTrue(mean <= 0.02, "mean relative L1 difference " + mean);
            assertTrue(max <= 0.05, "max relative L1 difference " + max);
        }
    }

    @Test
    void anExplanationSeesTheSamePixelsAsTheScore() throws IOException {
        Path jpeg = PreprocessorTest.kvasirJpegs().get(2);
        SourceItem item = item(jpeg);
        SourceItem.Pixels pixels = item.readPixels(224, 224); // what explain gets: views on full, model on forModel
        assertEquals(1920, pixels.full().getWidth());
        assertArrayEquals(P224.toTensor(item.readForModel(224, 224)), P224.toTensor(pixels.forModel()), 0f);
    }

    private static float[] features(Classifier c, float[] tensor) {
        return c.run(InputBatch.of(tensor, c.info().preprocessing()), false).features()[0];
    }

    private static SourceItem item(Path file) {
        try (ImageSource source = ImageSources.open(file)) {
            return source.iterator().next();
        }
    }
}
