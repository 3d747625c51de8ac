package nero.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The precision a detector was fitted in is stored with it: bf16 as format version 3 (an older plugin would ignore
 * the entry and score in float32), fp32 and int8 in the lowest version that holds the rest; files without the
 * entry read as "not recorded" (the model's own precision).
 */
class PrecisionDetectorFileTest {
    @TempDir
    Path dir;

    private static DetectorState state() {
        return DetectorFileTest.state(DetectorFileTest.tv2(), Preprocessing.imagenet(224));
    }

    @Test
    void everyPrecisionRoundTripsInTheLowestVersionThatHoldsIt() throws Exception {
        for (Precision p : Precision.values()) {
            Path f = dir.resolve(p.key() + ".nero");
            DetectorFile.save(f, state().withPrecision(p));
            assertEquals(p, DetectorFile.load(f).precision());
            String text = Files.readString(f);
            assertTrue(text.contains("\"precision\":\"" + p.key() + "\""), text.substring(0, 200));
            assertTrue(text.contains("\"version\":" + (p == Precision.BF16 ? 3 : 1)), p.key());
        }
        Path probe = dir.resolve("probe-bf16.nero");
        DetectorFile.save(probe, state().withProbe(ProbeDetectorFileTest.probe()).withPrecision(Precision.BF16));
        assertTrue(Files.readString(probe).contains("\"version\":3"));
        assertEquals(Precision.BF16, DetectorFile.load(probe).precision());
        assertTrue(DetectorFile.load(probe).probe() != null);
    }

    @Test
    void theOtherDerivedDetectorsKeepThePrecision() {
        DetectorState s = state().withPrecision(Precision.INT8);
        assertEquals(Precision.INT8, s.withTpr(0.9).precision());
        assertEquals(Precision.INT8, s.withThreshold(0.5).precision());
        assertEquals(Precision.INT8, s.withProbe(null).precision());
    }

    @Test
    void aFileWithoutThePrecisionHasNone() {
        Path f = dir.resolve("old.nero");
        DetectorFile.save(f, state());
        assertNull(DetectorFile.load(f).precision());
    }

    @Test
    void anUnknownPrecisionIsRefusedNamingTheFile() throws Exception {
        Path f = dir.resolve("bad.nero");
        DetectorFile.save(f, state().withPrecision(Precision.INT8));
        // rewrite the entry and the checksum, as a newer plugin with another precision would
        String text = Files.readString(f).replace("\"precision\":\"int8\"", "\"precision\":\"fp8\"");
        com.google.gson.JsonObject root = com.google.gson.JsonParser.parseString(text).getAsJsonObject();
        root.addProperty("sha256", Sha256.of(new com.google.gson.GsonBuilder().disableHtmlEscaping().create()
                .toJson(root.getAsJsonObject("payload"))));
        Files.writeString(f, root.toString());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DetectorFile.load(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("fp8"), e.getMessage());
    }

    @Test
    void precisionWordsParse() {
        assertEquals(Precision.BF16, Precision.parse(" BF16 "));
        assertNull(Precision.parse(" "));
        assertNull(Precision.parse(null));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Precision.parse("fp16"));
        assertTrue(e.getMessage().contains("fp32, bf16 or int8") && e.getMessage().contains("fp16"), e.getMessage());
    }
}
