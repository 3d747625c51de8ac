package nero.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import nero.core.HeadWeights;

/**
 * The module that input gradients are computed on: a float64 copy of the classifier's TorchScript module.
 *
 * <p>Why float64: on an AMD EPYC with AVX-512 (issue #13) libtorch's float32 backward pass through oneDNN gave an
 * input gradient 25 % off PyTorch's for a small CNN, while the forward pass was right. libtorch has no oneDNN
 * kernels for float64, so in float64 the gradient comes from ATen's own convolution (im2col + GEMM) whichever CPU
 * runs it; and float64 rounding keeps every ReLU and max-pool decision where PyTorch's float64 puts it, so the result
 * equals PyTorch's float64 gradient to about 1e-14 on any CPU (returned as float32). Costs about 4× the float32
 * backward pass (MobileNetV2 224²: 42–50 → 166–186 ms CPU per image); inference is untouched.
 *
 * <p>The copy is made from the loaded module in memory (not the file, which may have changed since) and owned by
 * the model's NDManager, so it is closed with the model. Not thread-safe: the caller serialises gradient calls.
 */
final class GradientModule {
    private final PtSymbolBlock block;
    private final NDManager manager;
    private final DataType dataType;

    @FunctionalInterface
    interface Objective {
        /** The scalar to differentiate, from the module's logits (float64 or float32, as the module). */
        NDArray of(NDArray logits, NDManager scope);
    }

    private GradientModule(PtSymbolBlock block, NDManager manager, DataType dataType) {
        this.block = block;
        this.manager = manager;
        this.dataType = dataType;
    }

    /**
     * A float64 copy of {@code source}, or null when libtorch's {@code Module::to(ScalarType)} cannot be called on
     * this platform (then the caller falls back to {@link #float32(PtSymbolBlock, NDManager)}).
     */
    static GradientModule float64CopyOf(PtSymbolBlock source, NDManager manager) {
        PtSymbolBlock copy = copy(source, (PtNDManager) manager);
        boolean converted = false;
        try {
            copy.freezeParameters(true);
            converted = LibtorchNative.moduleToFloat64(copy.getHandle());
        } finally {
            if (!converted) {
                copy.close();
            }
        }
        return converted ? new GradientModule(copy, manager, DataType.FLOAT64) : null;
    }

    /** The model's own float32 module: the pre-#13 behaviour, where the float64 copy is not available. */
    static GradientModule float32(PtSymbolBlock block, NDManager manager) {
        return new GradientModule(block, manager, DataType.FLOAT32);
    }

    boolean isFloat64() {
        return dataType == DataType.FLOAT64;
    }

    /** Logits of the float32 input {@code nchw} (no gradient), as float32: for checking the copy. */
    float[] logits(float[] nchw, Shape shape) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(nchw, shape).toType(dataType, false);
            NDArray logits = IValueUtils.forward(block, new NDList(x), false).singletonOrThrow();
            return logits.toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    /** Frees a float64 copy (never the model's own module). */
    void discard() {
        if (isFloat64()) {
            block.close();
        }
    }

    /**
     * ∂objective/∂x for the float32 input {@code nchw} of the given shape, rounded to float32. Uses
     * {@code IValueUtils.forward(block, x, true)} inside a gradient collector: autograd on without switching the
     * module to train mode, so BatchNorm keeps its running statistics. With a {@code replacement} head (a linear
     * probe; null = the model's own) the logits are {@code features(x)·Wᵀ + b}, in the module's precision.
     */
    float[] gradient(float[] nchw, Shape shape, Objective objective, HeadWeights replacement) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(nchw, shape).toType(dataType, false);
            x.setRequiresGradient(true);
            try (GradientCollector collector = ai.djl.engine.Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray logits = replacement == null
                        ? IValueUtils.forward(block, new NDList(x), true).singletonOrThrow()
                        : replacementLogits(scope, x, replacement);
                collector.backward(objective.of(logits, scope));
                return x.getGradient().toType(DataType.FLOAT32, false).toFloatArray();
            }
        }
    }

    private NDArray replacementLogits(NDManager scope, NDArray x, HeadWeights head) {
        NDArray method = scope.create(new float[] {0});
        method.setName("module_method:features"); // DJL runs this exported method instead of forward
        NDArray features = IValueUtils.forward(block, new NDList(x, method), true).singletonOrThrow();
        int c = head.classes();
        int d = head.dimension();
        float[] w = new float[c * d];
        for (int k = 0; k < c; k++) {
            System.arraycopy(head.weight()[k], 0, w, k * d, d);
        }
        NDArray weight = scope.create(w, new Shape(c, d)).toType(dataType, false);
        NDArray bias = scope.create(head.bias()).toType(dataType, false);
        return features.matMul(weight.transpose()).add(bias);
    }

    private static PtSymbolBlock copy(PtSymbolBlock source, PtNDManager manager) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                source.saveParameters(out);
            }
            PtSymbolBlock copy = new PtSymbolBlock(manager);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                copy.loadParameters(manager, in);
            }
            return copy;
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("could not copy the TorchScript module for input gradients", e);
        }
    }
}
