package nero.core.methods;

import com.google.gson.JsonObject;
import nero.core.ArrayCodec;

/**
 * A trained method's state as {@link TrainedMethod#read} reads it back through {@link nero.core.StoredFields}:
 * vectors as {@link ArrayCodec} strings, matrices as {@link ArrayCodec#matrix} objects, in the order written.
 */
final class StateJson {
    private final JsonObject json = new JsonObject();

    StateJson vector(String field, double[] values) {
        json.addProperty(field, ArrayCodec.encode(values));
        return this;
    }

    StateJson matrix(String field, double[][] rows) {
        json.add(field, ArrayCodec.matrix(rows));
        return this;
    }

    StateJson matrix(String field, float[][] rows) {
        json.add(field, ArrayCodec.matrix(rows));
        return this;
    }

    StateJson number(String field, Number value) {
        json.addProperty(field, value);
        return this;
    }

    StateJson flag(String field, boolean value) {
        json.addProperty(field, value);
        return this;
    }

    JsonObject json() {
        return json;
    }
}
