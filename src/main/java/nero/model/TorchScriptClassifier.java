package nero.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import nero.core.HeadWeights;
import nero.core.InvalidInputException;
import nero.core.Precision;
import nero.core.Sha256;

/**
 * A TorchScript classifier run through DJL's PyTorch engine: {@code forward(x) → logits}, exported
 * {@code features(x) → N×D} and optionally {@code feature_map(x) → N×D×h×w}; the head is read by parameter name.
 * Inference calls only {@code features} (or {@code feature_map}); input gradients come from {@link
 * TorchScriptGradients}. In bf16 each inference call runs under libtorch's CPU autocast to bfloat16 (thread-local,
 * switched on and off around the call; the contract check and the gradients stay in float32/float64). An
 * int8-quantised module has no input gradients (its quantised kernels have no backward pass).
 */
final class TorchScriptClassifier extends HeadedClassifier {
    static final String NO_GRADIENTS_INT8 = "an int8-quantised TorchScript model has no input gradients (its "
            + "quantised kernels have no backward pass); fit the detector on its float original for methods that need "
            + "them";

    private final ZooModel<NDList, NDList> model;
    private final PtSymbolBlock block;
    private final TorchScriptGradients gradients;
    private final InputGradients boundGradients;

    private TorchScriptClassifier(ZooModel<NDList, NDList> model, ModelInfo info, HeadWeights head,
            TorchScriptGradients gradients, boolean ownHead) {
        super(info, head);
        this.model = model;
        this.block = (PtSymbolBlock) model.getBlock();
        this.gradients = gradients;
        this.boundGradients = gradients.bound(this, ownHead);
    }

    /** Loads {@code file} (a TorchScript archive) in {@code requested} precision and checks the contract. */
    static TorchScriptClassifier load(Path file, ModelSidecar sidecar, Precision requested) {
        Engine.ensureStarted();
        boolean quantised = StoredFloatType.isQuantized(file);
        if (quantised && !LibtorchNative.useOnednnForInt8()) {
            System.err.println("nero: libtorch's oneDNN int8 kernels are not available here: int8 model "
                    + file.getFileName() + " runs on the default kernels, which may saturate (compare its features"
                    + " with the float model's)");
        }
        ZooModel<NDList, NDList> model = TorchScriptFile.load(file);
        try {
            Precision precision = PrecisionChoice.resolve(file, ModelFormat.TORCHSCRIPT, quantised, requested);
            if (precision == Precision.BF16 && !LibtorchNative.cpuAutocastBFloat16(false)) {
                System.err.println("nero: libtorch's autocast cannot be called on this platform: model "
                        + file.getFileName() + " runs in fp32 instead of bf16");
                precision = Precision.FP32;
            }
            String storedType = StoredFloatType.otherThanFloat32(file);
            if (storedType != null) {
                StoredFloatType.convertToFloat32((PtSymbolBlock) model.getBlock(), model.getNDManager(), file,
                        storedType, sidecar.preprocessing);
            }
            return check(model, file, sidecar, Sha256.of(file), precision);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static TorchScriptClassifier check(ZooModel<NDList, NDList> model, Path file, ModelSidecar sidecar,
            String sha256, Precision precision) {
        PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
        Set<String> methods = TorchScriptFile.methods(block);
        if (!methods.contains("features")) {
            throw new InvalidInputException("model " + file + " has no exported method `features` (the input "
                    + "of the final linear layer). Wrap it with " + ModelSidecar.EXPORT_TOOL + ", which adds "
                    + "`features` and `feature_map` and writes the sidecar.");
        }
        boolean hasMap = methods.contains("feature_map");
        if (Boolean.TRUE.equals(sidecar.hasFeatureMap) && !hasMap) {
            throw new InvalidInputException("model " + file + ": its sidecar says has_feature_map=true but the "
                    + "model exports no method `feature_map`. Re-export it with " + ModelSidecar.EXPORT_TOOL
                    + " or set has_feature_map to false.");
        }
        HeadLookup.Found found = HeadLookup.find(TorchScriptFile.parameters(block), sidecar.head, file, "parameter",
                "re-export with " + ModelSidecar.EXPORT_TOOL + ".");
        HeadWeights head = new HeadWeights(found.weight(),
                found.bias() != null ? found.bias() : new float[found.weight().length]);
        ContractCheck contract = new ContractCheck(file, sidecar, ContractCheck.Terms.TORCHSCRIPT);
        ModelInfo info = contract.info(sha256, head, hasMap, precision);
        TorchScriptClassifier classifier = new TorchScriptClassifier(model, info, head,
                new TorchScriptGradients(block, model.getNDManager(), info), true);
        contract.checkOutputs(head, classifier.probe(contract, hasMap), ContractCheck.Tolerance.FLOAT);
        return classifier;
    }

    /** {@code forward} and {@code features} (and {@code feature_map} when asked) on the probe batch. */
    private ContractCheck.ProbeOutputs probe(ContractCheck contract, boolean hasMap) {
        InputBatch x = HeadMath.probeInput(ContractCheck.PROBE_BATCH, info.preprocessing().height(),
                info.preprocessing().width());
        NDManager scope = model.getNDManager().newSubManager();
        try (scope) {
            ModelTensor logits;
            ModelTensor features;
            try {
                logits = tensor(runMethod(scope, "forward", x));
                features = tensor(runMethod(scope, "features", x));
            } catch (InvalidInputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw contract.probeFailed(x, TorchScriptFile.lastLine(e), e);
            }
            return new ContractCheck.ProbeOutputs(logits, features, hasMap ? () -> featureMap(x) : null);
        }
    }

    private ModelTensor featureMap(InputBatch x) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            return tensor(runMethod(scope, "feature_map", x));
        }
    }

    private static ModelTensor tensor(NDArray array) {
        return new ModelTensor(array.toType(DataType.FLOAT32, false).toFloatArray(), array.getShape().getShape());
    }

    @Override
    Classifier sameModelWith(HeadWeights replacement) {
        return new TorchScriptClassifier(model, info, replacement, gradients, false);
    }

    @Override
    public ModelOutputs run(InputBatch batch, boolean withFeatureMap) {
        requireInputSize(batch);
        int n = batch.n();
        boolean map = withFeatureMap && info.hasFeatureMap();
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray out = runInPrecision(scope, map ? "feature_map" : "features", batch);
            float[] values = out.toType(DataType.FLOAT32, false).toFloatArray();
            long[] shape = out.getShape().getShape();
            float[][] features;
            float[] featureMap = null;
            int mapHeight = 0;
            int mapWidth = 0;
            if (map) {
                mapHeight = (int) shape[2];
                mapWidth = (int) shape[3];
                featureMap = values;
                features = HeadMath.spatialMean(values, n, (int) shape[1], mapHeight * mapWidth);
            } else {
                features = HeadMath.rows(values, n, (int) shape[1]);
            }
            return new ModelOutputs(n, HeadMath.applyHead(head, features), features, featureMap, mapHeight, mapWidth);
        }
    }

    private void requireInputSize(InputBatch batch) {
        if (batch.height() != info.preprocessing().height() || batch.width() != info.preprocessing().width()) {
            throw new IllegalArgumentException("expected " + batch.n() + "×3×" + info.preprocessing().height() + "×"
                    + info.preprocessing().width() + " values, got " + batch.n() + "×3×" + batch.height() + "×"
                    + batch.width());
        }
    }

    /** {@link #runMethod} in the model's precision: bf16 under CPU autocast on this thread for the call only. */
    private NDArray runInPrecision(NDManager scope, String method, InputBatch batch) {
        if (info.precision() != Precision.BF16) {
            return runMethod(scope, method, batch);
        }
        LibtorchNative.cpuAutocastBFloat16(true);
        try {
            return runMethod(scope, method, batch);
        } finally {
            LibtorchNative.cpuAutocastBFloat16(false);
        }
    }

    @Override
    public Optional<InputGradients> inputGradients() {
        return info.precision() == Precision.INT8 ? Optional.empty() : Optional.of(boundGradients);
    }

    @Override
    public String noInputGradientsReason() {
        return info.precision() == Precision.INT8 ? NO_GRADIENTS_INT8 : null;
    }

    /** Whether input gradients run on the float64 copy (made now if not yet); false on the float32 fallback. */
    boolean gradientsInFloat64() {
        return gradients.inFloat64();
    }

    /** For GradientBenchmark only: back to the float32 module (the path before issue #13), to measure the cost. */
    void useFloat32Gradients() {
        gradients.useFloat32();
    }

    @Override
    public void close() {
        model.close();
    }

    private NDArray runMethod(NDManager scope, String method, InputBatch batch) {
        NDArray x = scope.create(batch.values(), new Shape(batch.shape()));
        try (IValue input = IValue.from((PtNDArray) x);
                IValue output = IValueUtils.runMethod(block, method, input)) {
            if (!output.isTensor()) {
                throw new InvalidInputException("model " + info.file() + ": method `" + method
                        + "` must return one tensor, it returned " + output.getType());
            }
            return output.toTensor((PtNDManager) scope);
        }
    }
}
