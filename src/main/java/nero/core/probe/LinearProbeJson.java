package nero.core.probe;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import nero.core.ArrayCodec;
import nero.core.HeadWeights;
import nero.core.InvalidInputException;
import nero.core.StoredFields;

/** {@link LinearProbe} ↔ JSON for the detector file (weights as base64 little-endian float32). */
public final class LinearProbeJson {
    private LinearProbeJson() {
    }

    public static JsonObject toJson(LinearProbe p) {
        JsonObject o = new JsonObject();
        o.addProperty("model", "multinomial logistic regression, L2, standardised features");
        o.add("weight", ArrayCodec.matrix(p.head().weight()));
        o.addProperty("bias", ArrayCodec.encode(p.head().bias()));
        o.addProperty("c", p.c());
        o.addProperty("trainingAccuracy", p.trainingAccuracy());
        o.addProperty("heldOutAccuracy", p.heldOutAccuracy());
        o.addProperty("heldOutCount", p.heldOutCount());
        o.addProperty("converged", p.converged());
        JsonArray candidates = new JsonArray();
        for (LinearProbe.Candidate c : p.candidates()) {
            JsonObject e = new JsonObject();
            e.addProperty("c", c.c());
            e.addProperty("heldOutCrossEntropy", c.heldOutCrossEntropy());
            e.addProperty("heldOutAccuracy", c.heldOutAccuracy());
            candidates.add(e);
        }
        o.add("candidates", candidates);
        return o;
    }

    /** Reads a stored probe; {@code probe} names it in messages ("field probe.c is missing"). */
    public static LinearProbe fromJson(JsonObject o) {
        return fromJson(StoredFields.of(o, "probe"));
    }

    /** Reads a stored probe, every field by name and type: a missing or odd value is refused naming the field. */
    public static LinearProbe fromJson(StoredFields f) {
        HeadWeights head = new HeadWeights(f.floatMatrix("weight"), f.storedFloats("bias"));
        List<LinearProbe.Candidate> candidates = new ArrayList<>();
        for (StoredFields c : f.objects("candidates")) {
            candidates.add(new LinearProbe.Candidate(positive(c, "c"), c.number("heldOutCrossEntropy"),
                    fraction(c, "heldOutAccuracy")));
        }
        int heldOut = f.integer("heldOutCount");
        if (heldOut < 0) {
            throw new InvalidInputException("field " + f.name("heldOutCount") + " = " + heldOut + " is negative");
        }
        return new LinearProbe(head, positive(f, "c"), fraction(f, "trainingAccuracy"),
                fraction(f, "heldOutAccuracy"), heldOut, candidates, f.bool("converged"));
    }

    private static double positive(StoredFields f, String field) {
        double v = f.number(field);
        if (!(v > 0)) {
            throw new InvalidInputException("field " + f.name(field) + " = " + v + " must be positive");
        }
        return v;
    }

    private static double fraction(StoredFields f, String field) {
        double v = f.number(field);
        if (!(v >= 0 && v <= 1)) {
            throw new InvalidInputException("field " + f.name(field) + " = " + v + " is not between 0 and 1");
        }
        return v;
    }
}
