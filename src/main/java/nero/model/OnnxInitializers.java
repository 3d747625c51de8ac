package nero.model;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nero.core.InvalidInputException;

/**
 * The initializers (stored weights) of an ONNX graph, read from the file's protobuf wire format
 * ({@code ModelProto.graph.initializer}, onnx.proto) with protobuf's own reader, as named parameters for {@link
 * HeadLookup}. ONNX Runtime's Java API does not expose them. A quantised tensor stored as
 * {@code <name>_quantized} with {@code <name>_scale} and {@code <name>_zero_point} (ONNX Runtime's quantisation
 * tool's names, per tensor or per channel) is given dequantised under {@code <name>}. The graph's operators are
 * read too, for one question: whether the graph is int8-quantised.
 */
final class OnnxInitializers {
    // onnx.proto field numbers
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int NODE_OP_TYPE = 4;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_INT32_DATA = 5;
    private static final int TENSOR_INT64_DATA = 7;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DOUBLE_DATA = 10;
    private static final int TENSOR_DATA_LOCATION = 14;
    // TensorProto.DataType
    private static final int FLOAT = 1;
    private static final int UINT8 = 2;
    private static final int INT8 = 3;
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    private static final int FLOAT16 = 10;
    private static final int DOUBLE = 11;
    private static final int BFLOAT16 = 16;

    static final String QUANTIZED = "_quantized";

    /** One initializer as stored: its values decoded to double (any supported type). */
    private record Stored(String name, long[] dims, int dataType, double[] values) {
    }

    /**
     * Operators of int8 graphs: ONNX Runtime's quantisation writes QLinear* operators (QOperator format) or
     * QuantizeLinear/DequantizeLinear pairs around float ones (QDQ format), dynamic quantisation the *Integer ones.
     */
    private static final List<String> QUANTIZED_OPERATORS = List.of("QuantizeLinear", "DequantizeLinear",
            "DynamicQuantizeLinear", "ConvInteger", "MatMulInteger", "QGemm");

    private final Map<String, Stored> byName;
    private final boolean quantizedGraph;

    private OnnxInitializers(Map<String, Stored> byName, boolean quantizedGraph) {
        this.byName = byName;
        this.quantizedGraph = quantizedGraph;
    }

    /** Reads the initializers of {@code file} (0-, 1- and 2-D only: a final layer is never more). */
    static OnnxInitializers read(Path file) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(Files.readAllBytes(file));
            in.setSizeLimit(Integer.MAX_VALUE);
            Map<String, Stored> found = new LinkedHashMap<>();
            List<String> operators = new ArrayList<>();
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    readGraph(in, found, operators);
                    in.popLimit(limit);
                } else {
                    in.skipField(tag);
                }
            }
            return new OnnxInitializers(found, operators.stream().anyMatch(
                    op -> op.startsWith("QLinear") || QUANTIZED_OPERATORS.contains(op)));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("cannot read the weights of ONNX model " + file + ": " + e.getMessage(), e);
        }
    }

    private static void readGraph(CodedInputStream in, Map<String, Stored> found, List<String> operators)
            throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(tag) == GRAPH_NODE) {
                int limit = in.pushLimit(in.readRawVarint32());
                operators.add(readOperator(in));
                in.popLimit(limit);
            } else if (WireFormat.getTagFieldNumber(tag) == GRAPH_INITIALIZER) {
                int limit = in.pushLimit(in.readRawVarint32());
                Stored t = readTensor(in);
                in.popLimit(limit);
                if (t != null) {
                    found.put(t.name(), t);
                }
            } else {
                in.skipField(tag);
            }
        }
    }

    /** A node's op_type (empty when it has none). */
    private static String readOperator(CodedInputStream in) throws IOException {
        String op = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(tag) == NODE_OP_TYPE) {
                op = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        return op;
    }

    /** A tensor of at most 2 dimensions with data in the file, else null. */
    private static Stored readTensor(CodedInputStream in) throws IOException {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        byte[] raw = null;
        List<Double> listed = new ArrayList<>();
        boolean external = false;
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            switch (field) {
                case TENSOR_DIMS -> readRepeated(in, packed, () -> dims.add(in.readInt64()));
                case TENSOR_DATA_TYPE -> dataType = in.readInt32();
                case TENSOR_NAME -> name = in.readString();
                case TENSOR_RAW_DATA -> raw = in.readByteArray();
                case TENSOR_FLOAT_DATA -> readRepeated(in, packed, () -> listed.add((double) in.readFloat()));
                case TENSOR_DOUBLE_DATA -> readRepeated(in, packed, () -> listed.add(in.readDouble()));
                case TENSOR_INT32_DATA -> readRepeated(in, packed, () -> listed.add((double) in.readInt32()));
                case TENSOR_INT64_DATA -> readRepeated(in, packed, () -> listed.add((double) in.readInt64()));
                case TENSOR_DATA_LOCATION -> external = in.readEnum() == 1;
                default -> in.skipField(tag);
            }
        }
        if (dims.size() > 2 || external) {
            return null;
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        double[] values = raw != null ? decodeRaw(raw, dataType) : decodeListed(listed, dataType);
        return values == null ? null : new Stored(name, shape, dataType, values);
    }

    private interface Element {
        void read() throws IOException;
    }

    private static void readRepeated(CodedInputStream in, boolean packed, Element element) throws IOException {
        if (!packed) {
            element.read();
            return;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
            element.read();
        }
        in.popLimit(limit);
    }

    private static double[] decodeRaw(byte[] raw, int dataType) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int size = switch (dataType) {
            case FLOAT, INT32 -> 4;
            case DOUBLE, INT64 -> 8;
            case FLOAT16, BFLOAT16 -> 2;
            case UINT8, INT8 -> 1;
            default -> 0;
        };
        if (size == 0) {
            return null;
        }
        double[] v = new double[raw.length / size];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (dataType) {
                case FLOAT -> b.getFloat();
                case INT32 -> b.getInt();
                case DOUBLE -> b.getDouble();
                case INT64 -> b.getLong();
                case FLOAT16 -> ai.onnxruntime.platform.Fp16Conversions.fp16ToFloat(b.getShort());
                case BFLOAT16 -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
                case UINT8 -> b.get() & 0xff;
                default -> b.get(); // INT8
            };
        }
        return v;
    }

    /**
     * Values listed in float_data, int32_data (also int8, uint8 and float16/bfloat16 bits), int64_data or
     * double_data; null for a type a head never has.
     */
    private static double[] decodeListed(List<Double> listed, int dataType) {
        if (dataType != FLOAT && dataType != DOUBLE && dataType != INT32 && dataType != INT64 && dataType != UINT8
                && dataType != INT8 && dataType != FLOAT16 && dataType != BFLOAT16) {
            return null;
        }
        double[] v = new double[listed.size()];
        for (int i = 0; i < v.length; i++) {
            double x = listed.get(i);
            v[i] = switch (dataType) {
                case FLOAT16 -> ai.onnxruntime.platform.Fp16Conversions.fp16ToFloat((short) x);
                case BFLOAT16 -> Float.intBitsToFloat(((int) x & 0xffff) << 16);
                default -> x;
            };
        }
        return v;
    }

    /**
     * Every initializer as a float32 parameter, quantised ones dequantised under their base name, in file order.
     * Integer tensors that are not quantised weights (shapes, indices) are left out.
     */
    List<HeadLookup.Parameter> parameters() {
        List<HeadLookup.Parameter> parameters = new ArrayList<>();
        for (Stored t : byName.values()) {
            if (t.name().endsWith(QUANTIZED)) {
                String base = t.name().substring(0, t.name().length() - QUANTIZED.length());
                Stored scale = byName.get(base + "_scale");
                if (scale != null) {
                    Stored zeroPoint = byName.get(base + "_zero_point");
                    parameters.add(new HeadLookup.Parameter(base, t.dims(), () -> dequantised(t, scale, zeroPoint)));
                }
            } else if (isFloat(t.dataType())) {
                parameters.add(new HeadLookup.Parameter(t.name(), t.dims(), () -> toFloat(t.values())));
            }
        }
        return parameters;
    }

    /** Whether the graph computes in int8 (it has quantised operators). */
    boolean isQuantizedGraph() {
        return quantizedGraph;
    }

    /** Whether {@code name} (a parameter of {@link #parameters()}) was stored quantised. */
    boolean isQuantized(String name) {
        return byName.containsKey(name + QUANTIZED);
    }

    private static boolean isFloat(int dataType) {
        return dataType == FLOAT || dataType == DOUBLE || dataType == FLOAT16 || dataType == BFLOAT16;
    }

    private static float[] toFloat(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /**
     * (q − zero point) × scale, per tensor (one scale) or per channel along the axis whose length is the number of
     * scales (the columns of a MatMul weight, the rows of a Gemm weight stored transposed).
     */
    static float[] dequantised(Stored q, Stored scale, Stored zeroPoint) {
        double[] s = scale.values();
        double[] z = zeroPoint == null ? new double[s.length] : zeroPoint.values();
        long[] dims = q.dims();
        int columns = dims.length == 2 ? (int) dims[1] : 1;
        boolean perColumn = s.length > 1 && dims.length == 2 && dims[1] == s.length;
        float[] out = new float[q.values().length];
        for (int i = 0; i < out.length; i++) {
            int channel;
            if (s.length == 1) {
                channel = 0;
            } else if (dims.length < 2) {
                channel = i; // a vector quantised per element (a bias)
            } else {
                channel = perColumn ? i % columns : i / columns;
            }
            out[i] = (float) ((q.values()[i] - z[channel]) * s[channel]);
        }
        return out;
    }
}
