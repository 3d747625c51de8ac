package nero.core;

import com.google.gson.JsonObject;

/** {@link NeroState} ↔ JSON (arrays as base64 little-endian float64). */
public final class NeroStateJson {
    private NeroStateJson() {
    }

    public static JsonObject toJson(NeroState s) {
        JsonObject o = new JsonObject();
        NeroParameters p = s.parameters();
        o.addProperty("k", p.k());
        o.addProperty("components", p.components());
        o.addProperty("distance", p.distance().name());
        o.addProperty("epsilon", p.rule().epsilon());
        o.addProperty("signAware", p.rule().signAware());
        o.addProperty("dimension", s.dimension());
        o.addProperty("classes", s.classes());
        o.addProperty("biasScale", s.biasScale());
        o.addProperty("pcaMean", ArrayCodec.encode(s.pcaMean()));
        o.add("pcaBasis", ArrayCodec.matrix(s.pcaBasis()));
        o.addProperty("eigenvalues", ArrayCodec.encode(s.eigenvalues()));
        o.add("relevanceCentroids", ArrayCodec.matrix(s.relevanceCentroids()));
        o.add("centroidClasses", ArrayCodec.ints(s.centroidClasses()));
        return o;
    }

    public static NeroState fromJson(JsonObject o) {
        try {
            NeroParameters p = new NeroParameters(o.get("k").getAsInt(), o.get("components").getAsInt(),
                    Distance.valueOf(o.get("distance").getAsString()),
                    new RelevanceRule(o.get("epsilon").getAsDouble(), o.get("signAware").getAsBoolean()));
            return new NeroState(p, o.get("dimension").getAsInt(), o.get("classes").getAsInt(),
                    o.get("biasScale").getAsDouble(), ArrayCodec.decodeDoubles(o.get("pcaMean").getAsString()),
                    ArrayCodec.doubleMatrix(o.getAsJsonObject("pcaBasis")),
                    ArrayCodec.decodeDoubles(o.get("eigenvalues").getAsString()),
                    ArrayCodec.doubleMatrix(o.getAsJsonObject("relevanceCentroids")),
                    ArrayCodec.ints(o.getAsJsonArray("centroidClasses")));
        } catch (NullPointerException | IllegalArgumentException | IllegalStateException
                | UnsupportedOperationException e) {
            if (e instanceof InvalidInputException) {
                throw e;
            }
            throw new InvalidInputException("stored NERO state is incomplete or malformed: " + e.getMessage(), e);
        }
    }
}
