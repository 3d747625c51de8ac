package nero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import nero.core.DetectorFile;
import nero.core.DetectorState;
import nero.core.Precision;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --precision}: recorded in the detector and used again by every command that scores with it; bf16
 * falls back to fp32 (said on stderr, recorded as fp32) on a CPU without bfloat16 instructions, forced here with
 * {@code -Dnero.cpu.bf16}; a precision the model cannot run in is refused with one line.
 */
class CliPrecisionTest {
    @TempDir
    Path tmp;

    @Test
    void aBf16DetectorScoresInBf16AndAFallbackIsRecordedAsFp32() throws IOException {
        SampleDetector.requireSampleData();
        Path bf16 = tmp.resolve("bf16.nero");
        Cli.Result fit = withBf16Cpu("true", () -> Cli.run("fit", "--model", SampleDetector.MODEL, "--train",
                SampleDetector.TRAIN, "--val", SampleDetector.VAL, "--precision", "bf16", "--out", bf16));
        assertEquals(0, fit.code(), fit.toString());
        assertTrue(fit.out().contains("precision: bf16"), fit.out());
        assertEquals(Precision.BF16, DetectorFile.load(bf16).precision());

        Path polyps = SampleDetector.SAMPLE.resolve("ood/polyp");
        Cli.Result inBf16 = withBf16Cpu("true", () -> Cli.run("score", "--detector", bf16, polyps));
        Cli.Result inFp32 = Cli.run("score", "--detector", SampleDetector.detector(), polyps);
        assertEquals(0, inBf16.code(), inBf16.toString());
        assertNotEquals(scores(inFp32), scores(inBf16), "the bf16 detector scored in float32");

        // the same detector on a CPU without bfloat16: scored in fp32, with one line saying so
        Cli.Result fallback = withBf16Cpu("false", () -> Cli.run("score", "--detector", bf16, polyps));
        assertEquals(0, fallback.code(), fallback.toString());
        assertTrue(fallback.err().contains("no bfloat16 instructions"), fallback.err());

        // fitted there, the detector records what ran: fp32
        Path fellBack = tmp.resolve("fell-back.nero");
        Cli.Result fit32 = withBf16Cpu("false", () -> Cli.run("fit", "--model", SampleDetector.MODEL, "--train",
                SampleDetector.TRAIN, "--val", SampleDetector.VAL, "--precision", "bf16", "--out", fellBack));
        assertEquals(0, fit32.code(), fit32.toString());
        assertTrue(fit32.err().contains("fp32 instead of bf16"), fit32.err());
        assertFalse(fit32.out().contains("precision:"), fit32.out());
        assertEquals(Precision.FP32, DetectorFile.load(fellBack).precision());
    }

    @Test
    void aPrecisionTheModelCannotRunInIsRefusedWithOneLine() throws IOException {
        SampleDetector.requireSampleData();
        Path out = tmp.resolve("int8.nero");
        Cli.assertBadInput(Cli.run("fit", "--model", SampleDetector.MODEL, "--train", SampleDetector.TRAIN,
                "--precision", "int8", "--out", out), "nero-sample.pt", "float model", "--int8");
        assertFalse(Files.exists(out));
        Cli.assertBadInput(Cli.run("fit", "--model", SampleDetector.MODEL, "--train", SampleDetector.TRAIN,
                "--precision", "fp16", "--out", out), "--precision", "fp32, bf16 or int8", "fp16");
        Cli.assertBadInput(Cli.run("fit", "--model", SampleDetector.SAMPLE.resolve("model/nero-sample.onnx"),
                "--train", SampleDetector.TRAIN, "--precision", "bf16", "--out", out), "nero-sample.onnx", "bf16");
        assertFalse(Files.exists(out));

        // a detector that says int8 for this float model (written by hand or by another tool): refused by name
        Path forged = tmp.resolve("forged.nero");
        DetectorState state = DetectorFile.load(SampleDetector.detector());
        DetectorFile.save(forged, state.withPrecision(Precision.INT8));
        Path model = SampleDetector.MODEL;
        Cli.assertBadInput(Cli.run("score", "--detector", forged, "--model", model,
                SampleDetector.SAMPLE.resolve("ood/polyp")), "nero-sample.pt", "float model", "int8");
    }

    private static List<String> scores(Cli.Result r) throws IOException {
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().build().parse(new StringReader(r.out()))
                .getRecords();
        return rows.stream().map(row -> row.get("nero_score")).toList();
    }

    private static <T> T withBf16Cpu(String value, Supplier<T> action) {
        String before = System.getProperty("nero.cpu.bf16");
        System.setProperty("nero.cpu.bf16", value);
        try {
            return action.get();
        } finally {
            if (before == null) {
                System.clearProperty("nero.cpu.bf16");
            } else {
                System.setProperty("nero.cpu.bf16", before);
            }
        }
    }
}
