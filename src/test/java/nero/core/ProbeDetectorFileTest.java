package nero.core;

import static nero.core.TestVectors.TV2_HEAD;
import static nero.core.TestVectors.TV2_LABELS;
import static nero.core.TestVectors.TV2_OOD;
import static nero.core.TestVectors.TV2_TRAIN;
import static nero.core.TestVectors.set;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nero.core.probe.LinearProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A detector with a linear probe: stored as format version 2; version 1 files (no probe) still read. */
class ProbeDetectorFileTest {
    @TempDir
    Path dir;

    /** A probe on TV2's features, its head standing in for the model's. */
    static LinearProbe probe() {
        float[][] x = new float[12][];
        int[] labels = new int[12];
        for (int i = 0; i < 12; i++) {
            x[i] = TV2_TRAIN[i % 6].clone();
            x[i][i % 6] += 0.01f * i; // not exact duplicates
            labels[i] = TV2_LABELS[i % 6];
        }
        return LinearProbe.fit(x, labels, 2, ProgressListener.NONE);
    }

    /** A probe edited by someone who recomputed the checksum: refused naming the field, never an exception's text. */
    @Test
    void aPoisonedProbeIsRefusedNamingTheField() throws Exception {
        LinearProbe probe = probe();
        NeroDetector det = NeroDetector.fit(set(probe.head(), TV2_TRAIN, TV2_LABELS), probe.head(),
                new NeroParameters(2, -1, Distance.L1, RelevanceRule.authors()));
        Path f = dir.resolve("probe.nero");
        DetectorFile.save(f, DetectorFileTest.state(det, Preprocessing.imagenet(224)).withProbe(probe));
        com.google.gson.JsonObject original = com.google.gson.JsonParser.parseString(Files.readString(f))
                .getAsJsonObject();
        record Edit(java.util.function.Consumer<com.google.gson.JsonObject> change, String message) {
        }
        float[] nanBias = probe.head().bias().clone();
        nanBias[1] = Float.NaN;
        for (Edit edit : List.of(
                new Edit(p -> p.remove("weight"), "field payload.probe.weight is missing"),
                new Edit(p -> p.remove("bias"), "field payload.probe.bias is missing"),
                new Edit(p -> p.addProperty("bias", ArrayCodec.encode(nanBias)), "field payload.probe.bias[1] is NaN"),
                new Edit(p -> p.addProperty("bias", "not base64!"), "field payload.probe.bias is not a stored array"),
                new Edit(p -> p.addProperty("c", "NaN"), "field payload.probe.c is NaN"),
                new Edit(p -> p.addProperty("c", -1), "field payload.probe.c = -1.0 must be positive"),
                new Edit(p -> p.addProperty("trainingAccuracy", 2), "field payload.probe.trainingAccuracy = 2.0"),
                new Edit(p -> p.remove("candidates"), "field payload.probe.candidates is missing"),
                new Edit(p -> p.addProperty("converged", "yes"), "field payload.probe.converged must be true or false"))) {
            com.google.gson.JsonObject root = original.deepCopy();
            com.google.gson.JsonObject payload = root.getAsJsonObject("payload");
            edit.change().accept(payload.getAsJsonObject("probe"));
            com.google.gson.Gson gson = new com.google.gson.GsonBuilder().disableHtmlEscaping().create();
            root.addProperty("sha256", Sha256.of(gson.toJson(payload)));
            Path poisoned = Files.writeString(dir.resolve("poisoned.nero"), gson.toJson(root));
            String m = assertThrows(InvalidInputException.class, () -> DetectorFile.load(poisoned)).getMessage();
            assertTrue(m.contains(edit.message()) && !m.contains("Exception"), edit.message() + " ≠ " + m);
        }
    }

    @Test
    void aProbeIsStoredAsVersionTwoAndComesBack() throws Exception {
        LinearProbe probe = probe();
        HeadWeights head = probe.head();
        NeroDetector det = NeroDetector.fit(set(head, TV2_TRAIN, TV2_LABELS), head,
                new NeroParameters(2, -1, Distance.L1, RelevanceRule.authors()));
        DetectorState s = DetectorFileTest.state(det, Preprocessing.imagenet(224)).withProbe(probe);
        Path f = dir.resolve("probe.nero");
        DetectorFile.save(f, s);
        assertTrue(Files.readString(f).contains("\"version\":2"));
        DetectorState back = DetectorFile.load(f);
        assertEquals(probe.c(), back.probe().c());
        assertEquals(probe.candidates(), back.probe().candidates());
        assertArrayEquals(head.bias(), back.head(TV2_HEAD).bias());
        assertArrayEquals(head.weight()[1], back.head(TV2_HEAD).weight()[1]);
        FeatureSet ood = set(head, TV2_OOD);
        assertArrayEquals(det.scores(ood), back.detector(back.head(TV2_HEAD)).scores(ood));
        // the probe is covered by the checksum
        Files.writeString(f, Files.readString(f).replace("\"heldOutCount\":", "\"heldOutCount\":1"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DetectorFile.load(f));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void withoutAProbeTheFileStaysVersionOneAndUsesTheModelsHead() throws Exception {
        DetectorState s = DetectorFileTest.state(DetectorFileTest.tv2(), Preprocessing.imagenet(224));
        Path f = dir.resolve("plain.nero");
        DetectorFile.save(f, s);
        assertTrue(Files.readString(f).contains("\"version\":1"));
        DetectorState back = DetectorFile.load(f);
        assertNull(back.probe());
        assertSame(TV2_HEAD, back.head(TV2_HEAD));
    }

    @Test
    void aProbeOfAnotherShapeIsRefused() {
        DetectorState s = DetectorFileTest.state(DetectorFileTest.tv2(), Preprocessing.imagenet(224));
        float[][] x = {{1, 0}, {0, 1}, {1, 0.1f}, {0.1f, 1}, {0.9f, 0}, {0, 0.9f}};
        LinearProbe other = LinearProbe.fit(x, new int[] {0, 1, 0, 1, 0, 1}, 2, ProgressListener.NONE);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> s.withProbe(other));
        assertTrue(e.getMessage().contains("linear probe has 2 classes and 2 features"), e.getMessage());
        assertEquals(List.of("cecum", "pylorus"), s.classNames());
    }
}
