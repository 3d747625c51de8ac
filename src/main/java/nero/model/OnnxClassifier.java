package nero.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nero.core.HeadWeights;
import nero.core.InvalidInputException;
import nero.core.Precision;
import nero.core.Sha256;

/**
 * An ONNX classifier run by ONNX Runtime, in the same contract as TorchScript: graph outputs {@code logits} (N×C),
 * {@code features} (N×D, the input of the final linear layer) and optionally {@code feature_map} (N×D×h×w); the head
 * from the graph's initializers ({@link OnnxInitializers}, dequantised for an int8 model) under the names
 * TorchScript uses or the one the sidecar gives. Inference asks for {@code features} (and the map when wanted) and
 * computes the logits in Java as {@code W·h + b}. No input gradients: ODIN and gradient × input are refused by
 * name.
 */
final class OnnxClassifier extends HeadedClassifier {
    static final String CONVERT_TOOL = "tools/onnx_for_nero.py";
    static final String LOGITS = "logits";
    static final String FEATURES = "features";
    static final String FEATURE_MAP = "feature_map";
    static final String NO_GRADIENTS = "ONNX Runtime runs inference only and computes no input gradients; export "
            + "the model as TorchScript (tools/export_for_nero.py) for methods that need them";
    /** A quantised model's outputs may differ from the float head by a few of its 8-bit steps. */
    static final double QUANTISED_TOLERANCE = 0.03;
    private static final ContractCheck.Terms TERMS = new ContractCheck.Terms("output `logits`", "output `features`",
            "output `feature_map`", "Convert the model with " + CONVERT_TOOL + " (a plain classifier), or export it "
            + "with " + ModelSidecar.EXPORT_TOOL + " --out MODEL.onnx.");

    private final OrtSession session;
    private final OnnxInput input;

    private OnnxClassifier(OrtSession session, OnnxInput input, ModelInfo info, HeadWeights head) {
        super(info, head);
        this.session = session;
        this.input = input;
    }

    /**
     * Opens {@code file} in ONNX Runtime and checks the contract on a probe batch; {@code requested} precision: fp32
     * for a float graph, int8 for a quantised one (null: the graph's own), never bf16.
     */
    static OnnxClassifier load(Path file, ModelSidecar sidecar, Precision requested) {
        OrtSession session = OnnxRuntimeEngine.open(file);
        try {
            return check(session, file, sidecar, Sha256.of(file), requested);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static OnnxClassifier check(OrtSession session, Path file, ModelSidecar given, String sha256,
            Precision requested) {
        OnnxInput input = OnnxInput.of(session, file, given);
        ModelSidecar sidecar = given.withPreprocessing(input.sized(given.preprocessing),
                input.height() == given.preprocessing.height() && input.width() == given.preprocessing.width()
                        ? given.inputSizeSource : "the model's input");
        Set<String> outputs = session.getOutputNames();
        requireOutputs(file, outputs);
        boolean hasMap = outputs.contains(FEATURE_MAP);
        if (Boolean.TRUE.equals(sidecar.hasFeatureMap) && !hasMap) {
            throw new InvalidInputException("model " + file + ": its sidecar says has_feature_map=true but the "
                    + "model has no output `feature_map`. Convert it again with " + CONVERT_TOOL
                    + " or set has_feature_map to false.");
        }
        OnnxInitializers weights = OnnxInitializers.read(file);
        Precision precision = PrecisionChoice.resolve(file, ModelFormat.ONNX, weights.isQuantizedGraph(), requested);
        HeadLookup.Found found = HeadLookup.find(weights.parameters(), sidecar.head, file, "initializer",
                "convert it with " + CONVERT_TOOL + ", which names the head in the sidecar.");
        ContractCheck contract = new ContractCheck(file, sidecar, TERMS);
        OnnxClassifier unchecked = new OnnxClassifier(session, input, null, null);
        InputBatch x = HeadMath.probeInput(ContractCheck.PROBE_BATCH, input.height(), input.width());
        Map<String, ModelTensor> probe;
        try {
            probe = unchecked.runOutputs(x, hasMap ? Set.of(LOGITS, FEATURES, FEATURE_MAP) : Set.of(LOGITS, FEATURES));
        } catch (OrtException | RuntimeException e) {
            throw contract.probeFailed(x, OnnxRuntimeEngine.firstLine(e), e);
        }
        HeadWeights head = oriented(found, probe.get(LOGITS), probe.get(FEATURES));
        ModelInfo info = contract.info(sha256, head, hasMap, precision);
        boolean quantised = weights.isQuantized(found.weightName());
        contract.checkOutputs(head, new ContractCheck.ProbeOutputs(probe.get(LOGITS), probe.get(FEATURES),
                hasMap ? () -> probe.get(FEATURE_MAP) : null), quantised ? quantisedTolerance(probe)
                : ContractCheck.Tolerance.FLOAT);
        return new OnnxClassifier(session, input, info, head);
    }

    private static void requireOutputs(Path file, Set<String> outputs) {
        if (!outputs.contains(FEATURES)) {
            String plain = outputs.size() == 1 ? " (a plain classifier: one output `" + outputs.iterator().next()
                    + "`)" : "; its outputs are " + outputs;
            throw new InvalidInputException("model " + file + " has no output `features` (the input of the final "
                    + "linear layer)" + plain + ". Convert it with " + CONVERT_TOOL + ", which adds `features` and "
                    + "`feature_map` and writes the sidecar.");
        }
        if (!outputs.contains(LOGITS)) {
            throw new InvalidInputException("model " + file + " has no output `logits`; its outputs are " + outputs
                    + ". " + TERMS.fix());
        }
    }

    /**
     * The stored weight as C×D: TorchScript-exported Gemm weights are stored so, MatMul weights (and quantised
     * ones) as D×C.
     */
    private static HeadWeights oriented(HeadLookup.Found found, ModelTensor logits, ModelTensor features) {
        float[][] w = found.weight();
        int classes = logits.rank() == 2 ? logits.dim(1) : -1;
        int dim = features.rank() == 2 ? features.dim(1) : -1;
        if (!(w.length == classes && w[0].length == dim) && w.length == dim && w[0].length == classes) {
            float[][] t = new float[classes][dim];
            for (int d = 0; d < dim; d++) {
                for (int c = 0; c < classes; c++) {
                    t[c][d] = w[d][c];
                }
            }
            w = t;
        }
        return new HeadWeights(w, found.bias() != null ? found.bias() : new float[w.length]);
    }

    private static ContractCheck.Tolerance quantisedTolerance(Map<String, ModelTensor> probe) {
        String why = "the head is int8-quantised, so outputs are rounded to 8-bit steps: "
                + Math.round(QUANTISED_TOLERANCE * 100) + " % of the largest value";
        return new ContractCheck.Tolerance(QUANTISED_TOLERANCE * Math.max(1, maxAbs(probe.get(LOGITS))),
                QUANTISED_TOLERANCE * Math.max(1, maxAbs(probe.get(FEATURES))), why);
    }

    private static double maxAbs(ModelTensor t) {
        double max = 0;
        for (float v : t.values()) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Override
    Classifier sameModelWith(HeadWeights replacement) {
        return new OnnxClassifier(session, input, info, replacement);
    }

    @Override
    public ModelOutputs run(InputBatch batch, boolean withFeatureMap) {
        if (batch.height() != input.height() || batch.width() != input.width()) {
            throw new IllegalArgumentException("expected " + batch.n() + "×3×" + input.height() + "×" + input.width()
                    + " values, got " + batch.n() + "×3×" + batch.height() + "×" + batch.width());
        }
        boolean map = withFeatureMap && info.hasFeatureMap();
        Map<String, ModelTensor> out;
        try {
            out = runOutputs(batch, map ? Set.of(FEATURES, FEATURE_MAP) : Set.of(FEATURES));
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on model " + info.file() + ": " + e.getMessage(), e);
        }
        ModelTensor f = out.get(FEATURES);
        float[][] features = HeadMath.rows(f.values(), batch.n(), f.dim(1));
        ModelTensor m = map ? out.get(FEATURE_MAP) : null;
        return new ModelOutputs(batch.n(), HeadMath.applyHead(head, features), features, m == null ? null
                : m.values(), m == null ? 0 : m.dim(2), m == null ? 0 : m.dim(3));
    }

    /** The named outputs for {@code batch}, in chunks of the model's fixed batch size if it has one. */
    private Map<String, ModelTensor> runOutputs(InputBatch batch, Set<String> names) throws OrtException {
        int chunk = input.fixedBatch() > 0 ? input.fixedBatch() : batch.n();
        Map<String, List<ModelTensor>> parts = new HashMap<>();
        for (int start = 0; start < batch.n(); start += chunk) {
            int count = Math.min(chunk, batch.n() - start);
            InputBatch part = batch.rows(start, start + count);
            if (count < chunk) {
                part = InputBatch.padded(List.of(HeadMath.rows(part.values(), count, part.sampleSize())), chunk,
                        part.height(), part.width());
            }
            Map<String, ModelTensor> out = runOnce(part, names);
            for (String name : names) {
                parts.computeIfAbsent(name, k -> new ArrayList<>()).add(firstRows(out.get(name), count));
            }
        }
        Map<String, ModelTensor> joined = new HashMap<>();
        parts.forEach((name, list) -> joined.put(name, concatenated(list)));
        return joined;
    }

    private Map<String, ModelTensor> runOnce(InputBatch batch, Set<String> names) throws OrtException {
        try (OnnxTensor x = input.tensor(OnnxRuntimeEngine.env(), batch);
                OrtSession.Result result = session.run(Map.of(input.name(), x), new LinkedHashSet<>(names))) {
            Map<String, ModelTensor> out = new HashMap<>();
            for (String name : names) {
                OnnxValue value = result.get(name).orElseThrow();
                if (!(value instanceof OnnxTensor tensor)) {
                    throw new InvalidInputException("model " + info().file() + ": output `" + name + "` is not a "
                            + "tensor");
                }
                out.put(name, new ModelTensor(floats(tensor), tensor.getInfo().getShape()));
            }
            return out;
        }
    }

    private static float[] floats(OnnxTensor tensor) {
        FloatBuffer f = tensor.getFloatBuffer(); // float, float16 and bfloat16 (converted)
        if (f != null) {
            float[] values = new float[f.remaining()];
            f.get(values);
            return values;
        }
        DoubleBuffer d = tensor.getDoubleBuffer();
        if (d == null) {
            throw new InvalidInputException("an output of the model is " + tensor.getInfo().type + ", not float");
        }
        float[] values = new float[d.remaining()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) d.get(i);
        }
        return values;
    }

    private static ModelTensor firstRows(ModelTensor t, int n) {
        if (t.rank() == 0 || t.dim(0) == n) {
            return t;
        }
        long[] shape = t.shape().clone();
        int rowSize = t.values().length / t.dim(0);
        shape[0] = n;
        return new ModelTensor(java.util.Arrays.copyOf(t.values(), n * rowSize), shape);
    }

    private static ModelTensor concatenated(List<ModelTensor> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int total = 0;
        long rows = 0;
        for (ModelTensor t : parts) {
            total += t.values().length;
            rows += t.dim(0);
        }
        float[] values = new float[total];
        int offset = 0;
        for (ModelTensor t : parts) {
            System.arraycopy(t.values(), 0, values, offset, t.values().length);
            offset += t.values().length;
        }
        long[] shape = parts.get(0).shape().clone();
        shape[0] = rows;
        return new ModelTensor(values, shape);
    }

    @Override
    public Optional<InputGradients> inputGradients() {
        return Optional.empty();
    }

    @Override
    public String noInputGradientsReason() {
        return NO_GRADIENTS;
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // closing frees native memory only; nothing to report
        }
    }
}
