package nero.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX Model Zoo's int8 MobileNetV2 (../shared/models, converted by tools/onnx_for_nero.py: the committed patch
 * holds the nodes and outputs the tool adds) against its float32 TorchScript twin: the head dequantised from the
 * int8 initializers is the twin's, and the int8 features stay close to the twin's on real Kvasir frames.
 */
class OnnxInt8TwinTest {
    @TempDir
    static Path tmp;

    /** The converted model: the shared file with the tool's additions appended (protobuf merges the graph). */
    static Path convertedInt8Model(Path folder) throws IOException {
        Path model = folder.resolve("mobilenetv2-int8-nero.onnx");
        if (!Files.exists(model)) {
            byte[] original = Files.readAllBytes(Fixtures.shared("models", "mobilenetv2-12-int8.onnx"));
            byte[] patch = Files.readAllBytes(Fixtures.model("mobilenetv2-int8-outputs.onnxpatch"));
            byte[] joined = new byte[original.length + patch.length];
            System.arraycopy(original, 0, joined, 0, original.length);
            System.arraycopy(patch, 0, joined, original.length, patch.length);
            Files.write(model, joined);
        }
        return model;
    }

    @Test
    void theInt8ModelsDequantisedHeadAndFeaturesMatchItsFloatTwin() throws IOException {
        try (Classifier int8 = Classifier.load(convertedInt8Model(tmp));
                Classifier fp32 = Classifier.load(Fixtures.shared("models", "mobilenetv2-imagenet-nero.pt"))) {
            assertEquals(1000, int8.info().numClasses());
            assertEquals(1280, int8.info().featureDim());
            assertTrue(int8.info().hasFeatureMap());
            // classifier.1.weight_quantized (1280×1000, int8, one scale per class) and the uint8 bias, dequantised:
            // the twin was made from the same dequantised numbers
            double worst = 0;
            for (int k = 0; k < 1000; k++) {
                for (int d = 0; d < 1280; d++) {
                    worst = Math.max(worst, Math.abs(int8.head().weight()[k][d] - fp32.head().weight()[k][d]));
                }
                worst = Math.max(worst, Math.abs(int8.head().bias()[k] - fp32.head().bias()[k]));
            }
            assertTrue(worst < 1e-6, "head differs from the float twin's by " + worst);

            Preprocessor pre = new Preprocessor(fp32.info().preprocessing());
            List<float[]> images = new ArrayList<>();
            try (Stream<Path> files = Files.list(Fixtures.shared("data", "kvasir-frames"))) {
                for (Path p : files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                    images.add(pre.toTensor(IJ.openImage(p.toString())));
                }
            }
            InputBatch batch = InputBatch.padded(images, images.size(), 224, 224);
            ModelOutputs a = fp32.run(batch, true);
            ModelOutputs b = int8.run(batch, true);
            assertEquals(7, b.mapHeight());
            for (int i = 0; i < images.size(); i++) {
                double[] cmp = compare(a.features()[i], b.features()[i]);
                // measured on these four frames: cosine 0.959–0.977, relative L2 error 0.24–0.42 (int8 activations
                // through 52 layers; the frames are far from ImageNet)
                assertTrue(cmp[0] > 0.95, "cosine " + cmp[0] + " on frame " + i);
                assertTrue(cmp[1] < 0.5, "relative L2 error " + cmp[1] + " on frame " + i);
            }
        }
    }

    /** {cosine, ‖b − a‖ / ‖a‖}. */
    static double[] compare(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        double diff = 0;
        for (int d = 0; d < a.length; d++) {
            dot += (double) a[d] * b[d];
            na += (double) a[d] * a[d];
            nb += (double) b[d] * b[d];
            diff += ((double) a[d] - b[d]) * ((double) a[d] - b[d]);
        }
        return new double[] {dot / Math.sqrt(na * nb), Math.sqrt(diff / na)};
    }
}
