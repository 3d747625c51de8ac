package nero.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX models through ONNX Runtime: the contract checks with clear refusals, and the ONNX twin of the tiny CNN
 * (tools/export_for_nero.py's ONNX export of the same weights) giving the TorchScript model's numbers.
 */
class OnnxClassifierTest {
    private static final int SAMPLE = 3 * 64 * 64;

    @TempDir
    Path tmp;

    private static String refusal(Path model) {
        return assertThrows(InvalidInputException.class, () -> Classifier.load(model).close()).getMessage();
    }

    @Test
    void theOnnxTwinOfTheTinyCnnGivesTheTorchScriptModelsNumbers() {
        float[][] x = Fixtures.fixedInputs(2, SAMPLE);
        try (Classifier onnx = Classifier.load(Fixtures.model("tiny-cnn.onnx"));
                Classifier pt = Classifier.load(Fixtures.model("tiny-cnn.pt"))) {
            assertEquals(pt.info().classNames(), onnx.info().classNames()); // the shared sidecar tiny-cnn.json
            assertEquals(192, onnx.info().featureDim());
            assertTrue(onnx.info().hasFeatureMap());
            for (int k = 0; k < 5; k++) {
                assertArrayEquals(pt.head().weight()[k], onnx.head().weight()[k], 0f); // fc.weight, read as stored
            }
            assertArrayEquals(pt.head().bias(), onnx.head().bias(), 0f);
            ModelOutputs a = pt.run(InputBatch.of(x, 64, 64), true);
            ModelOutputs b = onnx.run(InputBatch.of(x, 64, 64), true);
            // two engines' float32 kernels: the same numbers to 1e-5 (relative to max(1, |value|))
            assertTrue(HeadMath.maxRelativeDifference(b.features(), a.features()) < 1e-5);
            assertTrue(HeadMath.maxRelativeDifference(b.logits(), a.logits()) < 1e-5);
            assertEquals(a.mapHeight(), b.mapHeight());
            assertTrue(HeadMath.maxRelativeDifference(new float[][] {b.featureMap()}, new float[][] {a.featureMap()})
                    < 1e-5);
        }
    }

    @Test
    void anOnnxModelHasNoInputGradientsAndSaysWhy() {
        try (Classifier onnx = Classifier.load(Fixtures.model("tiny-cnn.onnx"))) {
            assertTrue(onnx.inputGradients().isEmpty());
            assertTrue(onnx.noInputGradientsReason().contains("computes no input gradients"));
        }
    }

    @Test
    void aPlainClassifierWithoutFeaturesIsSentToTheConversionTool() {
        String m = refusal(Fixtures.model("onnx-plain.onnx"));
        assertTrue(m.contains("no output `features`") && m.contains("a plain classifier: one output `output`"), m);
        assertTrue(m.contains("tools/onnx_for_nero.py"), m);
    }

    @Test
    void aFixedInputSizeOtherThanTheSidecarsIsRefused() {
        String m = refusal(Fixtures.model("onnx-wrong-size.onnx"));
        assertTrue(m.contains("takes 32×32 images") && m.contains("its sidecar says 64×64"), m);
    }

    @Test
    void withoutASidecarTheModelsOwnFixedSizeIsUsed() throws IOException {
        Path model = Files.copy(Fixtures.model("onnx-wrong-size.onnx"), tmp.resolve("fixed.onnx"));
        try (Classifier c = Classifier.load(model)) {
            assertEquals(32, c.info().preprocessing().height());
            assertEquals(List.of("class0", "class1", "class2"), c.info().classNames());
        }
    }

    @Test
    void openSpatialAxesNeedASidecarSize() throws IOException {
        Path model = Files.copy(Fixtures.model("onnx-open-size.onnx"), tmp.resolve("open.onnx"));
        String m = refusal(model);
        assertTrue(m.contains("leaves its input size open") && m.contains("dynamic axes"), m);
        assertTrue(m.contains("\"input_size\"") && m.contains("open.json"), m);
        Files.writeString(tmp.resolve("open.json"), "{\"format\":\"nero-model\",\"version\":1,\"input_size\":[48,40]}");
        try (Classifier c = Classifier.load(model)) {
            assertEquals(48, c.info().preprocessing().height());
            assertEquals(40, c.info().preprocessing().width());
        }
    }

    /** A graph exported without a dynamic batch axis (batch fixed at 1) runs any batch, one image per call. */
    @Test
    void aFixedBatchSizeIsRunInChunksWithTheSameResults() throws IOException {
        float[][] x = Fixtures.fixedInputs(3, 3 * 32 * 32);
        Path dynamic = Files.copy(Fixtures.model("onnx-wrong-size.onnx"), tmp.resolve("dynamic.onnx"));
        try (Classifier fixed = Classifier.load(Fixtures.model("onnx-fixed-batch.onnx"));
                Classifier open = Classifier.load(dynamic)) {
            ModelOutputs a = fixed.run(InputBatch.of(x, 32, 32), false);
            ModelOutputs b = open.run(InputBatch.of(x, 32, 32), false);
            assertEquals(3, a.features().length);
            assertTrue(HeadMath.maxRelativeDifference(a.features(), b.features()) < 1e-5);
            assertTrue(HeadMath.maxRelativeDifference(a.logits(), b.logits()) < 1e-5);
        }
    }

    @Test
    void aModelThatIsNotAnImageClassifierIsRefused() {
        String m = refusal(Fixtures.model("onnx-not-image.onnx"));
        assertTrue(m.contains("is not an image classifier NERO can run") && m.contains("N×3×H×W"), m);
    }

    @Test
    void aFileThatIsNotOnnxIsRefused() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.onnx"), "this is not a model");
        String m = refusal(text);
        assertTrue(m.contains("is not an ONNX model ONNX Runtime can run"), m);
        assertFalse(m.contains("TorchScript"), m);
    }

    @Test
    void aHeadNamedNowhereIsRefusedListingTheInitializers() throws IOException {
        Path model = Files.copy(Fixtures.model("tiny-cnn.onnx"), tmp.resolve("m.onnx"));
        Files.writeString(tmp.resolve("m.json"), "{\"format\":\"nero-model\",\"version\":1,\"input_size\":[64,64],"
                + "\"head\":\"nothere\"}");
        String m = refusal(model);
        assertTrue(m.contains("no final linear layer initializer `nothere.weight`"), m);
    }
}
