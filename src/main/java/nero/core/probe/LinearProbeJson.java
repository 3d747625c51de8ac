package nero.core.probe;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import nero.core.ArrayCodec;
import nero.core.HeadWeights;
import nero.core.InvalidInputException;

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

    public static LinearProbe fromJson(JsonObject o) {
        try {
            HeadWeights head = new HeadWeights(ArrayCodec.floatMatrix(o.getAsJsonObject("weight")),
                    ArrayCodec.decodeFloats(o.get("bias").getAsString()));
            for (int k = 0; k < head.classes(); k++) {
                for (float w : head.weight()[k]) {
                    if (!Float.isFinite(w)) {
                        throw new InvalidInputException("the linear probe has a NaN or infinite weight");
                    }
                }
                if (!Float.isFinite(head.bias()[k])) {
                    throw new InvalidInputException("the linear probe has a NaN or infinite bias");
                }
            }
            List<LinearProbe.Candidate> candidates = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("candidates")) {
                JsonObject c = e.getAsJsonObject();
                candidates.add(new LinearProbe.Candidate(c.get("c").getAsDouble(),
                        c.get("heldOutCrossEntropy").getAsDouble(), c.get("heldOutAccuracy").getAsDouble()));
            }
            return new LinearProbe(head, o.get("c").getAsDouble(), o.get("trainingAccuracy").getAsDouble(),
                    o.get("heldOutAccuracy").getAsDouble(), o.get("heldOutCount").getAsInt(), candidates,
                    o.get("converged").getAsBoolean());
        } catch (NullPointerException | IllegalArgumentException | IllegalStateException
                | UnsupportedOperationException | ClassCastException e) {
            throw new InvalidInputException("the linear probe in the detector file is malformed (" + e + ")", e);
        }
    }
}
