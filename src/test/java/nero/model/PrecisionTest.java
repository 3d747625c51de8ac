package nero.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import nero.core.InvalidInputException;
import nero.core.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The precision a model runs in: bf16 under libtorch's autocast where the CPU has bfloat16 instructions (forced
 * both ways with {@code -Dnero.cpu.bf16}, so the test runs on any CPU), fp32 with one line on stderr where it has
 * none; int8 for int8-quantised models only, and only int8 for them. Fidelity figures are not tested here: they
 * are measured on real data by tools/make_fidelity.sh.
 */
class PrecisionTest {
    @TempDir
    static Path tmp;

    private static final float[][] X = Fixtures.fixedInputs(2, 3 * 64 * 64);

    @Test
    void bf16RunsTheFloatModelInBfloat16AndLeavesOtherCallsInFloat32() {
        withBf16Cpu("true", () -> {
            try (Classifier fp32 = Classifier.load(Fixtures.model("tiny-cnn.pt"));
                    Classifier bf16 = Classifier.load(Fixtures.model("tiny-cnn.pt"), null, Precision.BF16)) {
                assertEquals(Precision.FP32, fp32.info().precision());
                assertEquals(Precision.BF16, bf16.info().precision());
                float[][] before = features(fp32);
                float[][] rounded = features(bf16);
                for (int i = 0; i < 2; i++) {
                    // computed in bfloat16 (8-bit mantissa): not float32's numbers, but the same features
                    assertFalse(java.util.Arrays.equals(before[i], rounded[i]), "bf16 ran in float32");
                    assertTrue(OnnxInt8TwinTest.compare(before[i], rounded[i])[0] > 0.999, "cosine image " + i);
                }
                // autocast is switched off after each call: the float32 model on this thread is unchanged
                float[][] after = features(fp32);
                for (int i = 0; i < 2; i++) {
                    assertArrayEquals(before[i], after[i], "float32 call after a bf16 call");
                }
                assertTrue(bf16.inputGradients().isPresent(), "gradients stay float (float64 copy)");
            }
            return null;
        });
    }

    @Test
    void withoutBfloat16InstructionsBf16FallsBackToFloat32AndSaysSo() {
        withBf16Cpu("false", () -> {
            String err = stderrOf(() -> {
                try (Classifier fp32 = Classifier.load(Fixtures.model("tiny-cnn.pt"));
                        Classifier fallback = Classifier.load(Fixtures.model("tiny-cnn.pt"), null, Precision.BF16)) {
                    assertEquals(Precision.FP32, fallback.info().precision());
                    float[][] a = features(fp32);
                    float[][] b = features(fallback);
                    for (int i = 0; i < 2; i++) {
                        assertArrayEquals(a[i], b[i]);
                    }
                }
            });
            assertTrue(err.contains("no bfloat16 instructions") && err.contains("fp32 instead of bf16")
                    && err.contains("tiny-cnn.pt"), err);
            return null;
        });
    }

    @Test
    void anInt8TorchScriptModelRunsInInt8AndOnlyInInt8() throws IOException {
        Path model = Fixtures.model("tiny-cnn-int8.pt");
        JsonArray expected = JsonParser.parseString(Files.readString(Fixtures.model("tiny-cnn-int8-expected.json")))
                .getAsJsonObject().getAsJsonArray("features");
        try (Classifier int8 = Classifier.load(model); Classifier asked = Classifier.load(model, null, Precision.INT8);
                Classifier fp32 = Classifier.load(Fixtures.model("tiny-cnn.pt"))) {
            assertEquals(Precision.INT8, int8.info().precision());
            assertEquals(Precision.INT8, asked.info().precision());
            // packed for oneDNN's int8 kernels, as torch's oneDNN backend made it: libtorch's default x86 engine
            // packs some convolutions for FBGEMM, which saturates on 8-bit activations (MobileNetV2's features
            // then had cosine 0.23 to float32's)
            assertEquals(LibtorchNative.QENGINE_ONEDNN, LibtorchNative.quantizedEngine());
            float[][] q = features(int8);
            float[][] f = features(fp32);
            for (int i = 0; i < 2; i++) {
                double worst = 0;
                double largest = 0;
                double diff2 = 0;
                double norm2 = 0;
                for (int d = 0; d < q[i].length; d++) {
                    double torch = expected.get(i).getAsJsonArray().get(d).getAsDouble();
                    worst = Math.max(worst, Math.abs(q[i][d] - torch));
                    largest = Math.max(largest, Math.abs(torch));
                    diff2 += (q[i][d] - torch) * (q[i][d] - torch);
                    norm2 += torch * torch;
                }
                double relativeL2 = Math.sqrt(diff2 / norm2);
                // libtorch's oneDNN int8 kernels against torch 1.13's, where the fixture was made (a CPU with
                // AVX512-VNNI): identical there. Without VNNI (AVX2) oneDNN multiplies u8×s8 pairs into saturating
                // 16-bit sums, so some activations land a few 8-bit steps away before pooling: measured 3 % of the
                // largest feature at worst, relative L2 0.030 (the same with AVX512 without VNNI and with SSE4.1). The
                // bounds allow twice that.
                assertTrue(worst <= 0.06 * largest && relativeL2 <= 0.06, "int8 features differ from torch's by "
                        + worst + " at worst (largest " + largest + "), relative L2 " + relativeL2);
                assertTrue(OnnxInt8TwinTest.compare(f[i], q[i])[0] > 0.99, "int8 vs float, image " + i);
            }
            assertTrue(int8.inputGradients().isEmpty());
            assertTrue(int8.noInputGradientsReason().contains("int8"), int8.noInputGradientsReason());
        }
        for (Precision other : new Precision[] {Precision.FP32, Precision.BF16}) {
            String m = assertThrows(InvalidInputException.class,
                    () -> Classifier.load(model, null, other).close()).getMessage();
            assertTrue(m.contains("tiny-cnn-int8.pt") && m.contains("int8-quantised") && m.contains(other.key()), m);
        }
    }

    @Test
    void aFloatModelIsNotRunInInt8() {
        String m = assertThrows(InvalidInputException.class,
                () -> Classifier.load(Fixtures.model("tiny-cnn.pt"), null, Precision.INT8).close()).getMessage();
        assertTrue(m.contains("is a float model") && m.contains("export_for_nero.py --int8"), m);
    }

    @Test
    void onnxModelsRunInFloat32OrInt8NeverBf16() throws IOException {
        Path onnx = Fixtures.basedir().resolve("sample-data/model/nero-sample.onnx");
        try (Classifier c = Classifier.load(onnx)) {
            assertEquals(Precision.FP32, c.info().precision());
        }
        String m = withBf16Cpu("true", () -> assertThrows(InvalidInputException.class,
                () -> Classifier.load(onnx, null, Precision.BF16).close()).getMessage());
        assertTrue(m.contains("bf16 runs TorchScript models") && m.contains("nero-sample.onnx"), m);
        Path zoo = OnnxInt8TwinTest.convertedInt8Model(tmp);
        try (Classifier c = Classifier.load(zoo)) {
            assertEquals(Precision.INT8, c.info().precision());
        }
        m = assertThrows(InvalidInputException.class, () -> Classifier.load(zoo, null, Precision.FP32).close())
                .getMessage();
        assertTrue(m.contains("int8-quantised") && m.contains("runs only in int8"), m);
    }

    private static float[][] features(Classifier c) {
        return c.run(InputBatch.of(X, 64, 64), false).features();
    }

    static <T> T withBf16Cpu(String value, Supplier<T> action) {
        String before = System.getProperty(CpuFeatures.BF16_PROPERTY);
        System.setProperty(CpuFeatures.BF16_PROPERTY, value);
        try {
            return action.get();
        } finally {
            if (before == null) {
                System.clearProperty(CpuFeatures.BF16_PROPERTY);
            } else {
                System.setProperty(CpuFeatures.BF16_PROPERTY, before);
            }
        }
    }

    static String stderrOf(Runnable action) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
