package nero.core;

import static nero.core.TestVectors.*;
import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import nero.core.methods.ModelFamily;
import nero.core.methods.OodMethod;
import nero.core.methods.OodMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorFileTest {
    static final String SHA = "ab".repeat(32);

    @TempDir
    Path dir;

    static NeroDetector tv2() {
        return NeroDetector.fit(set(TV2_HEAD, TV2_TRAIN, TV2_LABELS), TV2_HEAD,
                new NeroParameters(2, -1, Distance.L1, RelevanceRule.authors()));
    }

    static DetectorState state(NeroDetector det, Preprocessing pre) {
        FeatureSet train = set(TV2_HEAD, TV2_TRAIN, TV2_LABELS);
        Map<String, JsonObject> baselines = new TreeMap<>();
        for (String key : List.of("mahalanobis", "vim", "neco", "knn")) {
            OodMethod m = OodMethods.create(key, ModelFamily.RESNET18);
            m.fit(train, TV2_HEAD);
            baselines.put(key, m.state());
        }
        return DetectorState.calibrated(det.state(), baselines, List.of("cecum", "pylorus"), pre, SHA, "model.pt",
                det.scores(set(TV2_HEAD, TV2_VALID)), 0.95, TrainingScatter.sample(det, train, 2000));
    }

    @Test
    void roundTripGivesIdenticalScores() {
        NeroDetector det = tv2();
        DetectorState s = state(det, Preprocessing.imagenet(224));
        Path f = dir.resolve("det.json");
        DetectorFile.save(f, s);
        DetectorState back = DetectorFile.load(f);
        assertEquals(SHA, back.modelSha256());
        FeatureSet ood = set(TV2_HEAD, TV2_OOD);
        assertArrayEquals(det.scores(ood), back.detector(TV2_HEAD).scores(ood));
        assertEquals(s.threshold(), back.threshold());
        assertEquals(0.95, back.tpr());
        assertEquals(List.of("cecum", "pylorus"), back.classNames());
        assertEquals("model.pt", back.modelFileName());
        assertEquals(s.createdAt(), back.createdAt());
        assertArrayEquals(s.sortedIdValidationScores(), back.sortedIdValidationScores());
        assertEquals(6, back.scatter().points().length);
        assertArrayEquals(TV2_LABELS, back.scatter().labels());
        FeatureSet train = set(TV2_HEAD, TV2_TRAIN, TV2_LABELS);
        for (String key : List.of("mahalanobis", "vim", "neco", "knn")) {
            OodMethod fitted = OodMethods.create(key, ModelFamily.RESNET18);
            fitted.fit(train, TV2_HEAD);
            OodMethod restored = OodMethods.create(key, ModelFamily.RESNET18);
            restored.restore(back.baselines().get(key), TV2_HEAD);
            assertArrayEquals(fitted.score(ood), restored.score(ood), key);
        }
        OodMethod nero = OodMethods.create("nero", ModelFamily.RESNET18);
        nero.restore(NeroStateJson.toJson(back.nero()), TV2_HEAD);
        assertArrayEquals(det.scores(ood), nero.score(ood));
    }

    @Test
    void thresholdIsAdjustableAndPercentilesComeFromValidationScores() {
        DetectorState s = state(tv2(), Preprocessing.imagenet(224));
        double[] v = s.sortedIdValidationScores();
        assertEquals(v[1], s.threshold(), 0, "floor(0.95·2) = 1");
        assertFalse(s.isOod(v[1]));
        assertTrue(s.isOod(Math.nextUp(v[1])));
        assertEquals(v[0], s.withTpr(0.4).threshold(), 0);
        assertEquals(0.5, s.idPercentile(v[0]), 0);
        assertEquals(0.0, s.idPercentile(v[0] - 1), 0);
        assertEquals(1.0, s.idPercentile(v[1]), 0);
        assertEquals(0.5, s.withThreshold(v[0]).tpr(), 0);
    }

    @Test
    void truncatedFileIsRefusedClearly() throws Exception {
        Path f = dir.resolve("det.json");
        DetectorFile.save(f, state(tv2(), Preprocessing.imagenet(224)));
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length / 2));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DetectorFile.load(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()));
    }

    @Test
    void otherVersionOrFormatIsRefusedClearly() throws Exception {
        Path f = dir.resolve("det.json");
        DetectorFile.save(f, state(tv2(), Preprocessing.imagenet(224)));
        String text = Files.readString(f);
        Files.writeString(f, text.replace("\"version\":1", "\"version\":4"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DetectorFile.load(f));
        assertTrue(e.getMessage().contains("version 4") && e.getMessage().contains("versions 1 to 3"), e.getMessage());
        Files.writeString(f, text.replace("\"version\":1", "\"version\":\"one\""));
        e = assertThrows(InvalidInputException.class, () -> DetectorFile.load(f));
        assertTrue(e.getMessage().contains("format version \"one\""), e.getMessage());
        Files.writeString(f, "{\"hello\": 1}");
        assertTrue(assertThrows(InvalidInputException.class, () -> DetectorFile.load(f)).getMessage()
                .contains("not a NERO detector file"));
    }

    @Test
    void tamperedContentFailsTheChecksum() throws Exception {
        Path f = dir.resolve("det.json");
        DetectorState s = state(tv2(), Preprocessing.imagenet(224));
        DetectorFile.save(f, s);
        String text = Files.readString(f, StandardCharsets.UTF_8);
        String tampered = text.replace("\"threshold\":" + s.threshold(), "\"threshold\":99.0");
        assertNotEquals(text, tampered);
        Files.writeString(f, tampered, StandardCharsets.UTF_8);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DetectorFile.load(f));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void aHeadOfAnotherShapeIsRefused() {
        Path f = dir.resolve("det.json");
        DetectorFile.save(f, state(tv2(), Preprocessing.imagenet(224)));
        HeadWeights otherHead = new HeadWeights(new float[][] {{1, 2, 3}}, new float[] {0});
        assertThrows(InvalidInputException.class, () -> DetectorFile.load(f).detector(otherHead));
    }

    @Test
    void writeIsAtomicAndLeavesNoPartialFile() throws Exception {
        Path f = dir.resolve("det.json");
        DetectorState good = state(tv2(), Preprocessing.imagenet(224));
        DetectorFile.save(f, good);
        byte[] before = Files.readAllBytes(f);
        DetectorFile.save(f, good.withTpr(0.4));
        assertNotEquals(new String(before, StandardCharsets.UTF_8), Files.readString(f), "replaced whole");
        assertEquals(0.4, DetectorFile.load(f).tpr());
        // a target that cannot be replaced (a non-empty folder): the save fails and leaves no temporary file
        Path blocked = dir.resolve("blocked.json");
        Files.createDirectories(blocked.resolve("inside"));
        assertThrows(RuntimeException.class, () -> DetectorFile.save(blocked, good));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of(f, blocked), Set.copyOf(files.toList()));
        }
        assertThrows(NullPointerException.class, () -> new DetectorState(good.nero(), good.baselines(),
                good.classNames(), good.preprocessing(), null, "m", 0, 0.95, new double[0], good.scatter(),
                good.createdAt()));
    }

    @Test
    void missingFileIsRefusedClearly() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DetectorFile.load(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("does not exist"));
    }
}
