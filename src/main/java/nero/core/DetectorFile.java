package nero.core;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import nero.core.probe.LinearProbeJson;

/**
 * The detector file: UTF-8 JSON {@code {"format": "nero-ood-detector", "version": 1, "sha256": hex, "payload":
 * {...}}}, where sha256 is the SHA-256 of the payload serialised compactly by Gson; large arrays inside are base64
 * little-endian float32/float64. Never Java serialisation. Written through {@link AtomicFiles}, so a reader never
 * sees a partial file.
 *
 * <p>Version 2 adds the payload entry {@code probe} (a linear probe that replaces the model's head). A detector
 * without a probe is still written as version 1, which older plugins read; a probe detector is version 2, which
 * they refuse by its version. The entry {@code precision} ("fp32", "bf16", "int8": the number format the model ran
 * in) is written whenever it is known; a bf16 detector is version 3, since an older plugin would ignore the entry
 * and score in float32. All versions are read; a file without the entry has the model's own precision.
 */
public final class DetectorFile {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    /** The payload's fields: NERO's state, and the other trained methods' statistics by registry key. */
    private static final String NERO = "nero";
    private static final String BASELINES = "baselines";

    private DetectorFile() {
    }

    public static void save(Path file, DetectorState s) {
        JsonObject payload = payload(s);
        JsonObject root = new JsonObject();
        root.addProperty("format", DetectorState.FORMAT);
        root.addProperty("version", version(s));
        root.addProperty("sha256", Sha256.of(GSON.toJson(payload)));
        root.add("payload", payload);
        String json = GSON.toJson(root);
        AtomicFiles.write(file, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The lowest version that holds everything in {@code s}, so older plugins read what they can score right. */
    static int version(DetectorState s) {
        if (s.precision() == Precision.BF16) {
            return 3;
        }
        return s.probe() != null ? 2 : 1;
    }

    public static DetectorState load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("detector file " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read detector file " + file + ": " + e.getMessage(), e);
        }
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new InvalidInputException("detector file " + file + " is not a NERO detector file");
            }
            root = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new InvalidInputException("detector file " + file + " is truncated or not valid JSON ("
                    + e.getMessage() + ")", e);
        }
        JsonElement format = root.get("format");
        if (format == null || !format.isJsonPrimitive() || !DetectorState.FORMAT.equals(format.getAsString())) {
            throw new InvalidInputException("detector file " + file + " is not a NERO detector file (format "
                    + format + ")");
        }
        JsonElement version = root.get("version");
        int v;
        try {
            v = StoredFields.of(root, "").integer("version");
        } catch (InvalidInputException e) {
            v = -1; // missing, or not a whole number: named below
        }
        if (v < 1 || v > DetectorState.VERSION) {
            throw new InvalidInputException("detector file " + file + " has format version " + version
                    + "; this plugin reads versions 1 to " + DetectorState.VERSION + " (refit the detector, or update"
                    + " the plugin)");
        }
        if (!root.has("payload") || !root.get("payload").isJsonObject() || !root.has("sha256")) {
            throw new InvalidInputException("detector file " + file + " is incomplete (no payload or checksum)");
        }
        JsonObject payload = root.getAsJsonObject("payload");
        if (!Sha256.of(GSON.toJson(payload)).equals(root.get("sha256").getAsString())) {
            throw new InvalidInputException("detector file " + file + " is corrupted or was modified: its checksum"
                    + " does not match its content");
        }
        try {
            return state(payload, v);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("detector file " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // every field is read through StoredFields, so this is a value the constructors reject in their own words
            boolean internal = e instanceof NullPointerException || e instanceof ClassCastException
                    || e instanceof IllegalStateException || e.getMessage() == null;
            throw new InvalidInputException("detector file " + file + " is malformed (" + (internal
                    ? "a stored value has the wrong type or size" : e.getMessage()) + "); fit it again", e);
        }
    }

    /** Where a trained method's statistics stand in the file, as messages name them. */
    static String baselinePath(String key) {
        return "payload." + BASELINES + "." + key;
    }

    private static JsonObject payload(DetectorState s) {
        JsonObject o = new JsonObject();
        o.add(NERO, NeroStateJson.toJson(s.nero()));
        JsonObject baselines = new JsonObject();
        s.baselines().keySet().stream().sorted().forEach(k -> baselines.add(k, s.baselines().get(k)));
        o.add(BASELINES, baselines);
        o.add("classNames", GSON.toJsonTree(s.classNames()));
        JsonObject pre = new JsonObject();
        pre.addProperty("width", s.preprocessing().width());
        pre.addProperty("height", s.preprocessing().height());
        pre.add("mean", GSON.toJsonTree(s.preprocessing().mean()));
        pre.add("std", GSON.toJsonTree(s.preprocessing().std()));
        if (s.decode() != null) {
            pre.addProperty("decode", s.decode());
        }
        o.add("preprocessing", pre);
        o.addProperty("modelSha256", s.modelSha256());
        o.addProperty("modelFileName", s.modelFileName());
        o.addProperty("threshold", s.threshold());
        o.addProperty("tpr", s.tpr());
        o.addProperty("sortedIdValidationScores", ArrayCodec.encode(s.sortedIdValidationScores()));
        o.add("scatterPoints", ArrayCodec.matrix(s.scatter().points()));
        o.add("scatterLabels", ArrayCodec.ints(s.scatter().labels()));
        o.addProperty("createdAt", s.createdAt().toString());
        if (s.probe() != null) {
            o.add("probe", LinearProbeJson.toJson(s.probe()));
        }
        if (s.precision() != null) {
            o.addProperty("precision", s.precision().key());
        }
        return o;
    }

    private static DetectorState state(JsonObject payload, int version) {
        StoredFields o = StoredFields.of(payload, "payload");
        Map<String, JsonObject> baselines = new LinkedHashMap<>();
        StoredFields stored = o.object(BASELINES);
        for (String key : stored.json().keySet()) {
            baselines.put(key, stored.object(key).json());
        }
        StoredFields pre = o.object("preprocessing");
        Preprocessing preprocessing = new Preprocessing(pre.integer("width"), pre.integer("height"),
                pre.floats("mean"), pre.floats("std"));
        TrainingScatter scatter = new TrainingScatter(o.floatMatrix("scatterPoints"), o.ints("scatterLabels"));
        Instant created;
        try {
            created = Instant.parse(o.string("createdAt"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("field " + o.name("createdAt") + " is not a date and time");
        }
        return new DetectorState(NeroStateJson.fromJson(o.object(NERO)), baselines, o.strings("classNames"),
                preprocessing, o.string("modelSha256"), o.string("modelFileName"), o.number("threshold"),
                o.number("tpr"), o.doubles("sortedIdValidationScores"), scatter, created,
                version >= 2 && payload.has("probe") ? LinearProbeJson.fromJson(o.object("probe")) : null,
                payload.has("precision") ? Precision.parse(o.string("precision")) : null,
                pre.json().has("decode") ? pre.string("decode") : null);
    }
}
