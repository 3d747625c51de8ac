package nero.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.core.FeatureSet;
import nero.core.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureExtractorTest {
    private static Classifier tiny;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        tiny = Classifier.load(Fixtures.model("tiny-cnn.pt"));
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    /** 4 photographs, twice each (10 items with 2 broken files), so batches of 3 split unevenly. */
    private LabelledImageFiles source() throws IOException {
        List<Path> jpegs = PreprocessorTest.kvasirJpegs();
        Path broken = Files.writeString(tmp.resolve("broken.jpg"), "not a jpeg");
        List<LabelledImageFiles.Entry> entries = new ArrayList<>();
        String[] labels = {"polyp", "esophagitis", null, "unknown-class"};
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < jpegs.size(); i++) {
                entries.add(new LabelledImageFiles.Entry(jpegs.get(i), labels[i]));
            }
            entries.add(new LabelledImageFiles.Entry(broken, "polyp"));
        }
        return new LabelledImageFiles(entries, List.of("esophagitis", "polyp"));
    }

    @Test
    void extractsEveryReadableImageInOrderAndSkipsBrokenOnes() throws IOException {
        List<Long> done = new ArrayList<>();
        ProgressListener progress = (stage, d, total) -> {
            done.add(d);
            assertEquals(10, total);
        };
        Extraction e = new FeatureExtractor(tiny, new ExtractionOptions(3, 2, true, false)).extract(source(), progress);
        FeatureSet set = e.features();
        assertEquals(8, set.size());
        assertEquals(2, e.skipped().size());
        assertTrue(e.skipped().get(0).id().endsWith("broken.jpg"));
        assertTrue(e.skipped().get(0).reason().contains("not a readable image"));
        assertArrayEquals(new int[] {1, 0, -1, -1, 1, 0, -1, -1}, set.labels());
        assertEquals(10L, done.get(done.size() - 1));

        Preprocessor pre = new Preprocessor(tiny.info().preprocessing());
        List<Path> jpegs = PreprocessorTest.kvasirJpegs();
        for (int i = 0; i < 8; i++) {
            Path file = jpegs.get(i % 4);
            assertEquals(file.toString(), set.ids()[i]);
            ModelOutputs single = tiny.run(InputBatch.of(pre.toTensor(IJ.openImage(file.toString())),
                    tiny.info().preprocessing()), false);
            assertArrayEquals(single.features()[0], set.features()[i], 1e-5f);
            assertArrayEquals(single.logits()[0], set.logits()[i], 1e-5f);
        }
        assertEquals(8 * 192 * 64, e.featureMaps().length);
        assertEquals(8, e.mapHeight());
        assertNull(set.extra(FeatureSet.ODIN_LOGITS));
    }

    @Test
    void odinLogitsArePerturbedAgainstThePredictedClass() throws IOException {
        Extraction e = new FeatureExtractor(tiny, new ExtractionOptions(4, 1, false, true)).extract(source(),
                ProgressListener.NONE);
        float[][] odin = e.features().extra(FeatureSet.ODIN_LOGITS);
        assertEquals(8, odin.length);
        assertNull(e.featureMaps());

        Preprocessor pre = new Preprocessor(tiny.info().preprocessing());
        float[] x = pre.toTensor(IJ.openImage(PreprocessorTest.kvasirJpegs().get(0).toString()));
        float[] logits = tiny.logits(new float[][] {x})[0];
        int predicted = 0;
        for (int k = 1; k < logits.length; k++) {
            predicted = logits[k] > logits[predicted] ? k : predicted;
        }
        float[] g = ClassifierTest.gradients(tiny).inputGradient(new float[][] {x}, new int[] {predicted}, 100.0)[0];
        float[] perturbed = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            perturbed[i] = x[i] - (g[i] < 0 ? -0.0005f : 0.0005f);
        }
        assertArrayEquals(tiny.logits(new float[][] {perturbed})[0], odin[0], 1e-4f);
        // perturbing towards the predicted class raises its softmax confidence
        assertTrue(softmaxMax(odin[0], 100) >= softmaxMax(e.features().logits()[0], 100) - 1e-7);
    }

    /**
     * The same image alone, first in a full batch, and last in a short batch: the same bits, because every call is
     * padded to the batch shape (without padding, a batch of one differs in the 6th digit).
     */
    @Test
    void anImagesOutputsDoNotDependOnItsBatchCompanions() throws IOException {
        List<Path> jpegs = PreprocessorTest.kvasirJpegs();
        Path a = jpegs.get(0);
        ExtractionOptions batchesOfThree = new ExtractionOptions(3, 1, false, false);
        FeatureSet alone = new FeatureExtractor(tiny, batchesOfThree)
                .extract(new LabelledImageFiles(List.of(new LabelledImageFiles.Entry(a, null)), List.of()),
                        ProgressListener.NONE).features();
        List<LabelledImageFiles.Entry> mixed = new ArrayList<>();
        for (Path p : List.of(a, jpegs.get(1), jpegs.get(2), jpegs.get(3), a)) {
            mixed.add(new LabelledImageFiles.Entry(p, null));
        }
        FeatureSet inBatches = new FeatureExtractor(tiny, batchesOfThree)
                .extract(new LabelledImageFiles(mixed, List.of()), ProgressListener.NONE).features();
        assertArrayEquals(alone.features()[0], inBatches.features()[0]);
        assertArrayEquals(alone.features()[0], inBatches.features()[4]);
        assertArrayEquals(alone.logits()[0], inBatches.logits()[4]);
    }

    @Test
    void cancellingStopsBetweenBatches() throws IOException {
        int[] batches = {0};
        ProgressListener cancelAfterFirst = new ProgressListener() {
            @Override
            public void progress(String stage, long done, long total) {
                if (done > 0) {
                    batches[0]++;
                }
            }

            @Override
            public boolean isCancelled() {
                return batches[0] >= 1;
            }
        };
        FeatureExtractor extractor = new FeatureExtractor(tiny, new ExtractionOptions(2, 2, false, false));
        LabelledImageFiles source = source();
        assertThrows(ProgressListener.CancelledException.class, () -> extractor.extract(source, cancelAfterFirst));
        assertEquals(1, batches[0]);
    }

    private static double softmaxMax(float[] logits, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v / t);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v / t - max);
        }
        return 1 / sum;
    }
}
