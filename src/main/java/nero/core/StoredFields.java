package nero.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Named, typed reading of a stored JSON object (the detector file and the method states in it). A detector file
 * may have been edited by hand, or by someone who recomputed its checksum, so nothing is taken on trust: a field
 * that is missing, of another type, not a whole number where one is needed, or not finite (NaN, ±Infinity, in a
 * number or inside a stored array) is refused with its full name, e.g. {@code payload.nero.k}.
 */
public final class StoredFields {
    private final JsonObject object;
    private final String path;

    private StoredFields(JsonObject object, String path) {
        this.object = object;
        this.path = path;
    }

    /** The fields of {@code object}, named below {@code path} in messages. */
    public static StoredFields of(JsonObject object, String path) {
        if (object == null) {
            throw new InvalidInputException("field " + path + " is missing");
        }
        return new StoredFields(object, path);
    }

    public String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private JsonElement get(String field) {
        JsonElement e = object.get(field);
        if (e == null || e.isJsonNull()) {
            throw new InvalidInputException("field " + name(field) + " is missing");
        }
        return e;
    }

    private InvalidInputException wrongType(String field, String expected, JsonElement got) {
        String shown = got.toString();
        return new InvalidInputException("field " + name(field) + " must be " + expected + ", got "
                + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown));
    }

    public boolean has(String field) {
        return object.has(field) && !object.get(field).isJsonNull();
    }

    public StoredFields object(String field) {
        JsonElement e = get(field);
        if (!e.isJsonObject()) {
            throw wrongType(field, "an object", e);
        }
        return new StoredFields(e.getAsJsonObject(), name(field));
    }

    /** The raw object, for a part read elsewhere (a method's state). */
    public JsonObject json() {
        return object;
    }

    public int integer(String field) {
        JsonElement e = get(field);
        if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
            throw wrongType(field, "a whole number", e);
        }
        try {
            return new BigDecimal(p.getAsString()).intValueExact();
        } catch (ArithmeticException | NumberFormatException ex) {
            throw wrongType(field, "a whole number", e);
        }
    }

    public double number(String field) {
        JsonElement e = get(field);
        if (!(e instanceof JsonPrimitive p) || !p.isNumber() && !p.isString()) {
            throw wrongType(field, "a number", e);
        }
        double v;
        try {
            v = p.getAsDouble(); // a number, or "NaN"/"Infinity" written as text: refused below
        } catch (NumberFormatException ex) {
            throw wrongType(field, "a number", e);
        }
        if (!Double.isFinite(v)) {
            throw new InvalidInputException("field " + name(field) + " is " + v + " (NaN or infinite)");
        }
        return v;
    }

    public boolean bool(String field) {
        JsonElement e = get(field);
        if (!(e instanceof JsonPrimitive p) || !p.isBoolean()) {
            throw wrongType(field, "true or false", e);
        }
        return p.getAsBoolean();
    }

    public String string(String field) {
        JsonElement e = get(field);
        if (!(e instanceof JsonPrimitive p) || !p.isString()) {
            throw wrongType(field, "a text", e);
        }
        return p.getAsString();
    }

    public List<String> strings(String field) {
        JsonArray a = array(field);
        List<String> out = new ArrayList<>(a.size());
        for (JsonElement e : a) {
            if (!(e instanceof JsonPrimitive p) || !p.isString()) {
                throw wrongType(field, "a list of texts", e);
            }
            out.add(p.getAsString());
        }
        return out;
    }

    public int[] ints(String field) {
        JsonArray a = array(field);
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            JsonElement e = a.get(i);
            try {
                v[i] = new BigDecimal(e.getAsString()).intValueExact();
            } catch (ArithmeticException | NumberFormatException | UnsupportedOperationException
                    | IllegalStateException ex) {
                throw wrongType(field + "[" + i + "]", "a whole number", e);
            }
        }
        return v;
    }

    /** A short JSON array of finite numbers (e.g. a channel mean). */
    public float[] floats(String field) {
        JsonArray a = array(field);
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            JsonElement e = a.get(i);
            if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
                throw wrongType(field + "[" + i + "]", "a number", e);
            }
            v[i] = p.getAsFloat();
            if (!Float.isFinite(v[i])) {
                throw new InvalidInputException("field " + name(field) + "[" + i + "] is " + v[i]
                        + " (NaN or infinite)");
            }
        }
        return v;
    }

    /** A base64 float64 array ({@link ArrayCodec}), every value finite. */
    public double[] doubles(String field) {
        double[] v;
        try {
            v = ArrayCodec.decodeDoubles(string(field));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("field " + name(field) + " is not a stored array (bad base64)");
        }
        finite(field, v);
        return v;
    }

    public double[][] doubleMatrix(String field) {
        StoredFields m = object(field);
        double[] flat = m.doubles("f64");
        double[][] out = new double[m.matrixRows(flat.length)][];
        int cols = out.length == 0 ? 0 : flat.length / out.length;
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        }
        return out;
    }

    /** A base64 float32 array ({@link ArrayCodec}), every value finite. */
    public float[] storedFloats(String field) {
        float[] v;
        try {
            v = ArrayCodec.decodeFloats(string(field));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("field " + name(field) + " is not a stored array (bad base64)");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new InvalidInputException("field " + name(field) + "[" + i + "] is " + v[i]
                        + " (NaN or infinite)");
            }
        }
        return v;
    }

    /** A list of objects, each read by name below {@code field[i]}. */
    public List<StoredFields> objects(String field) {
        JsonArray a = array(field);
        List<StoredFields> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonElement e = a.get(i);
            if (!e.isJsonObject()) {
                throw wrongType(field + "[" + i + "]", "an object", e);
            }
            out.add(new StoredFields(e.getAsJsonObject(), name(field) + "[" + i + "]"));
        }
        return out;
    }

    public float[][] floatMatrix(String field) {
        StoredFields m = object(field);
        float[] flat = m.storedFloats("f32");
        float[][] out = new float[m.matrixRows(flat.length)][];
        int cols = out.length == 0 ? 0 : flat.length / out.length;
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        }
        return out;
    }

    private int matrixRows(int values) {
        int rows = integer("rows");
        int cols = integer("cols");
        if (rows < 0 || cols < 0 || (long) rows * cols != values) {
            throw new InvalidInputException("field " + path + " holds " + values + " values, not rows × cols = "
                    + rows + " × " + cols);
        }
        return rows;
    }

    private JsonArray array(String field) {
        JsonElement e = get(field);
        if (!e.isJsonArray()) {
            throw wrongType(field, "a list", e);
        }
        return e.getAsJsonArray();
    }

    private void finite(String field, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new InvalidInputException("field " + name(field) + "[" + i + "] is " + v[i]
                        + " (NaN or infinite)");
            }
        }
    }
}
