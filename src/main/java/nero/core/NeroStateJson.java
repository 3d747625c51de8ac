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

    /** Reads the state field by field; a missing, mistyped or non-finite field is refused by name. */
    public static NeroState fromJson(StoredFields o) {
        Distance distance;
        try {
            distance = Distance.valueOf(o.string("distance"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("field " + o.name("distance") + " is not one of "
                    + java.util.Arrays.toString(Distance.values()));
        }
        int k = o.integer("k");
        int dimension = o.integer("dimension");
        if (k < 1 || k > dimension) {
            throw new InvalidInputException("field " + o.name("k") + " = " + k + " is not between 1 and "
                    + o.name("dimension") + " = " + dimension);
        }
        int components = o.integer("components");
        if (components != -1 && (components < 1 || components > dimension)) {
            throw new InvalidInputException("field " + o.name("components") + " = " + components
                    + " is neither -1 (the authors' floor(2D/3)) nor between 1 and " + dimension);
        }
        NeroParameters p = new NeroParameters(k, components, distance,
                new RelevanceRule(o.number("epsilon"), o.bool("signAware")));
        return new NeroState(p, dimension, o.integer("classes"), o.number("biasScale"),
                o.doubles("pcaMean"), o.doubleMatrix("pcaBasis"), o.doubles("eigenvalues"),
                o.doubleMatrix("relevanceCentroids"), o.ints("centroidClasses"));
    }
}
