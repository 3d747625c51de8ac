package nero.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Large arrays in JSON: base64 of little-endian float32 / float64 values. A matrix is an object
 * {@code {"rows": r, "cols": c, "f64"|"f32": base64}}.
 */
public final class ArrayCodec {
    private ArrayCodec() {
    }

    public static String encode(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(v);
        return Base64.getEncoder().encodeToString(b.array());
    }

    public static double[] decodeDoubles(String s) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(v);
        return v;
    }

    public static String encode(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return Base64.getEncoder().encodeToString(b.array());
    }

    public static float[] decodeFloats(String s) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    public static JsonObject matrix(double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        double[] flat = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * cols, cols);
        }
        JsonObject o = new JsonObject();
        o.addProperty("rows", m.length);
        o.addProperty("cols", cols);
        o.addProperty("f64", encode(flat));
        return o;
    }

    public static JsonObject matrix(float[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        float[] flat = new float[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * cols, cols);
        }
        JsonObject o = new JsonObject();
        o.addProperty("rows", m.length);
        o.addProperty("cols", cols);
        o.addProperty("f32", encode(flat));
        return o;
    }

    public static double[][] doubleMatrix(JsonObject o) {
        int rows = o.get("rows").getAsInt();
        int cols = o.get("cols").getAsInt();
        double[] flat = decodeDoubles(o.get("f64").getAsString());
        checkSize(flat.length, rows, cols);
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, m[i], 0, cols);
        }
        return m;
    }

    public static float[][] floatMatrix(JsonObject o) {
        int rows = o.get("rows").getAsInt();
        int cols = o.get("cols").getAsInt();
        float[] flat = decodeFloats(o.get("f32").getAsString());
        checkSize(flat.length, rows, cols);
        float[][] m = new float[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, m[i], 0, cols);
        }
        return m;
    }

    private static void checkSize(int length, int rows, int cols) {
        if ((long) rows * cols != length) {
            throw new InvalidInputException("stored matrix has " + length + " values, expected " + rows + "x" + cols);
        }
    }

    public static JsonArray ints(int[] v) {
        JsonArray a = new JsonArray();
        for (int x : v) {
            a.add(x);
        }
        return a;
    }

    public static int[] ints(JsonArray a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsInt();
        }
        return v;
    }
}
