package nero.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detector files edited by someone who also recomputed the checksum: every poisoned or odd value is refused when the
 * file is opened, naming the field, and a score that is not a number never passes as ID.
 */
class PoisonedDetectorTest {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    @TempDir
    static Path dir;
    private static JsonObject original;

    @BeforeAll
    static void save() throws Exception {
        Path f = dir.resolve("det.nero");
        DetectorFile.save(f, DetectorFileTest.state(DetectorFileTest.tv2(), Preprocessing.imagenet(224)));
        original = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
    }

    /** The message of loading the original file after {@code edit}, with its checksum recomputed. */
    private static String refusal(Consumer<JsonObject> edit) throws Exception {
        JsonObject root = original.deepCopy();
        edit.accept(root);
        JsonObject payload = root.getAsJsonObject("payload");
        root.addProperty("sha256", Sha256.of(GSON.toJson(payload)));
        Path f = Files.writeString(dir.resolve("poisoned.nero"), GSON.toJson(root), StandardCharsets.UTF_8);
        String m = assertThrows(InvalidInputException.class, () -> DetectorFile.load(f)).getMessage();
        assertTrue(m.startsWith("detector file " + f), m);
        assertFalse(m.contains("Exception"), m);
        return m.substring(("detector file " + f).length());
    }

    private static JsonObject nero(JsonObject root) {
        return root.getAsJsonObject("payload").getAsJsonObject("nero");
    }

    private static String withNaNAt(String base64, int index) {
        double[] v = ArrayCodec.decodeDoubles(base64);
        v[index] = Double.NaN;
        return ArrayCodec.encode(v);
    }

    @Test
    void nanAndInfiniteValuesAreRefusedByField() throws Exception {
        assertEquals(": field payload.nero.pcaMean[3] is NaN (NaN or infinite)", refusal(r -> nero(r)
                .addProperty("pcaMean", withNaNAt(nero(r).get("pcaMean").getAsString(), 3))));
        assertEquals(": field payload.nero.biasScale is NaN (NaN or infinite)",
                refusal(r -> nero(r).addProperty("biasScale", "NaN")));
        assertEquals(": field payload.threshold is Infinity (NaN or infinite)",
                refusal(r -> r.getAsJsonObject("payload").addProperty("threshold", "Infinity")));
        assertEquals(": field payload.nero.pcaBasis.f64[0] is NaN (NaN or infinite)", refusal(r -> {
            JsonObject basis = nero(r).getAsJsonObject("pcaBasis");
            basis.addProperty("f64", withNaNAt(basis.get("f64").getAsString(), 0));
        }));
    }

    @Test
    void kOutsideOneToDAndOtherOddValuesAreRefusedByField() throws Exception {
        int d = nero(original).get("dimension").getAsInt();
        assertEquals(": field payload.nero.k = 0 is not between 1 and payload.nero.dimension = " + d,
                refusal(r -> nero(r).addProperty("k", 0)));
        assertEquals(": field payload.nero.k = " + (d + 1) + " is not between 1 and payload.nero.dimension = " + d,
                refusal(r -> nero(r).addProperty("k", d + 1)));
        assertEquals(": field payload.nero.k must be a whole number, got 1.5", refusal(r -> nero(r).addProperty("k", 1.5)));
        assertEquals(": field payload.nero.distance is not one of [L1, L2, COSINE]",
                refusal(r -> nero(r).addProperty("distance", "MANHATTAN")));
        // an input of 100000² pixels overflowed the tensor's array size inside the model check (exit 1)
        assertEquals(": input size 100000x100000 is larger than a model input can be (at most "
                + Preprocessing.MAX_SIDE + " pixels per side)", refusal(r -> {
                    JsonObject pre = r.getAsJsonObject("payload").getAsJsonObject("preprocessing");
                    pre.addProperty("width", 100000);
                    pre.addProperty("height", 100000);
                }));
    }

    @Test
    void missingFieldsAreNamed() throws Exception {
        assertEquals(": field payload.nero.k is missing", refusal(r -> nero(r).remove("k")));
        assertEquals(": field payload.nero is missing", refusal(r -> r.getAsJsonObject("payload").remove("nero")));
        assertEquals(": field payload.preprocessing is missing",
                refusal(r -> r.getAsJsonObject("payload").remove("preprocessing")));
        assertEquals(": field payload.preprocessing.mean must be a list, got \"grey\"",
                refusal(r -> r.getAsJsonObject("payload").getAsJsonObject("preprocessing").addProperty("mean", "grey")));
    }

    @Test
    void aVersionThatIsNotTheWholeNumberOneIsRefused() throws Exception {
        for (String version : new String[] {"1.5", "\"one\"", "null"}) {
            JsonObject root = original.deepCopy();
            root.add("version", JsonParser.parseString(version));
            Path f = Files.writeString(dir.resolve("version.nero"), GSON.toJson(root), StandardCharsets.UTF_8);
            String m = assertThrows(InvalidInputException.class, () -> DetectorFile.load(f)).getMessage();
            assertTrue(m.contains("this plugin reads versions 1 to " + DetectorState.VERSION), version + ": " + m);
        }
    }

    @Test
    void aScoreThatIsNotANumberIsNeverId() {
        assertTrue(ThresholdCalibrator.isOod(Double.NaN, 0.5));
        assertTrue(ThresholdCalibrator.isOod(Double.NaN, Double.POSITIVE_INFINITY));
        assertFalse(ThresholdCalibrator.isOod(0.4, 0.5));
    }
}
