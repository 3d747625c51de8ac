package nero.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import nero.core.HeadWeights;

/**
 * Input gradients of one loaded TorchScript module, shared by the classifiers made from it with another head.
 * Computed in float64 on a copy of the module ({@link GradientModule}: the same result on every CPU) through DJL's
 * process-wide gradient collector, so every gradient call in the JVM is serialised on one lock.
 */
final class TorchScriptGradients {
    static final int GRADIENT_PASS_VALUES = 2 * 3 * 224 * 224;
    /** DJL's PtGradientCollector is a JVM-wide singleton: one gradient computation at a time. */
    private static final ReentrantLock GRADIENT_LOCK = new ReentrantLock();

    private final PtSymbolBlock block;
    private final NDManager manager;
    private final ModelInfo info;
    /** Guarded by {@link #GRADIENT_LOCK}. */
    private GradientModule gradientModule;

    TorchScriptGradients(PtSymbolBlock block, NDManager manager, ModelInfo info) {
        this.block = block;
        this.manager = manager;
        this.info = info;
    }

    /** The gradients of {@code classifier}'s logits: its head is the model's own, or a replacement. */
    InputGradients bound(Classifier classifier, boolean ownHead) {
        return new Bound(classifier, ownHead);
    }

    private final class Bound implements InputGradients {
        private final Classifier classifier;
        private final boolean ownHead;

        Bound(Classifier classifier, boolean ownHead) {
            this.classifier = classifier;
            this.ownHead = ownHead;
        }

        @Override
        public float[][] logits(float[][] inputs) {
            return classifier.logits(inputs);
        }

        /**
         * Gradient of the mean cross-entropy of logits/T against {@code targets}; BatchNorm stays in eval mode.
         * Each image's gradient depends on that image only, so the batch goes through the float64 module in passes
         * of at most {@value #GRADIENT_PASS_VALUES} input values (two 224² images) to bound the float64
         * activations: 8 ResNet-18 images in one pass peaked at 1.1 GB resident (0.6 GB in float32), in passes of
         * two at 0.8 GB.
         */
        @Override
        public float[][] inputGradient(float[][] inputs, int[] targets, double temperature) {
            if (targets.length != inputs.length) {
                throw new IllegalArgumentException(inputs.length + " inputs but " + targets.length + " targets");
            }
            int n = inputs.length;
            int classes = classifier.head().classes();
            for (int t : targets) {
                if (t < 0 || t >= classes) {
                    throw new IllegalArgumentException("target class " + t + " outside 0.." + (classes - 1));
                }
            }
            int sampleSize = 3 * height() * width();
            int pass = Math.max(1, GRADIENT_PASS_VALUES / sampleSize);
            float[][] gradients = new float[n][];
            for (int start = 0; start < n; start += pass) {
                int count = Math.min(pass, n - start);
                int[] passTargets = Arrays.copyOfRange(targets, start, start + count);
                InputBatch batch = InputBatch.of(Arrays.copyOfRange(inputs, start, start + count), height(), width());
                float[] gradient = gradient(batch, (logits, scope) -> {
                    NDArray oneHot = scope.create(passTargets).oneHot(classes).toType(logits.getDataType(), false);
                    NDArray logProbabilities = logits.div(temperature).logSoftmax(1);
                    return logProbabilities.mul(oneHot).sum().neg().div(n); // the mean over the whole batch
                });
                System.arraycopy(HeadMath.rows(gradient, count, sampleSize), 0, gradients, start, count);
            }
            return gradients;
        }

        @Override
        public float[] gradientTimesInput(float[] chw, int targetClass) {
            int classes = classifier.head().classes();
            if (targetClass < 0 || targetClass >= classes) {
                throw new IllegalArgumentException("target class " + targetClass + " outside 0.." + (classes - 1));
            }
            InputBatch batch = InputBatch.of(new float[][] {chw}, height(), width());
            float[] gradient = gradient(batch, (logits, scope) -> logits.get(0, targetClass));
            float[] result = new float[chw.length];
            for (int i = 0; i < chw.length; i++) {
                result[i] = gradient[i] * chw[i];
            }
            return result;
        }

        /**
         * Serialised on {@link #GRADIENT_LOCK} because DJL's gradient collector is JVM-wide (runtime notes §2:
         * weights loaded with trainParam=true and frozen, input requiring grad, forward with autograd inside a
         * collector).
         */
        private float[] gradient(InputBatch batch, GradientModule.Objective objective) {
            GRADIENT_LOCK.lock();
            try {
                return gradientModule().gradient(batch.values(), new Shape(batch.shape()), objective,
                        ownHead ? null : classifier.head());
            } finally {
                GRADIENT_LOCK.unlock();
            }
        }
    }

    /** Whether input gradients run on the float64 copy (made now if not yet); false on the float32 fallback. */
    boolean inFloat64() {
        GRADIENT_LOCK.lock();
        try {
            return gradientModule().isFloat64();
        } finally {
            GRADIENT_LOCK.unlock();
        }
    }

    /** For GradientBenchmark only: back to the float32 module (the path before issue #13), to measure the cost. */
    void useFloat32() {
        GRADIENT_LOCK.lock();
        try {
            if (gradientModule != null) {
                gradientModule.discard();
            }
            gradientModule = GradientModule.float32(block, manager);
        } finally {
            GRADIENT_LOCK.unlock();
        }
    }

    private int height() {
        return info.preprocessing().height();
    }

    private int width() {
        return info.preprocessing().width();
    }

    /** Made on the first gradient call (under the lock), so scoring alone never pays for the float64 copy. */
    private GradientModule gradientModule() {
        if (gradientModule == null) {
            gradientModule = chooseGradientModule();
        }
        return gradientModule;
    }

    /**
     * The float64 copy (see {@link GradientModule}) when it reproduces the model's float32 logits on the probe
     * input; else the float32 module, with one line on stderr. A model can fail the check by using an integer
     * buffer as an index or casting to float32 inside {@code forward} (libtorch's {@code Module::to} converts
     * every buffer); the copy is also unavailable where libtorch's C++ symbol cannot be found.
     */
    private GradientModule chooseGradientModule() {
        InputBatch probe = HeadMath.probeInput(1, height(), width());
        Shape shape = new Shape(probe.shape());
        String why;
        GradientModule copy = null;
        try {
            copy = GradientModule.float64CopyOf(block, manager);
            if (copy == null) {
                why = "libtorch's Module::to(ScalarType) cannot be called on this platform";
            } else {
                float[][] expected = {GradientModule.float32(block, manager).logits(probe.values(), shape)};
                double diff = HeadMath.maxRelativeDifference(new float[][] {copy.logits(probe.values(), shape)},
                        expected);
                if (diff <= ContractCheck.TOLERANCE) {
                    return copy;
                }
                why = String.format("its float64 copy gives other logits, max difference %.3g", diff);
            }
        } catch (RuntimeException e) {
            why = "its float64 copy does not run: " + TorchScriptFile.lastLine(e);
        } catch (LinkageError e) {
            why = "JNA, needed to make the float64 copy, is not on the class path";
        }
        if (copy != null) {
            copy.discard();
        }
        System.err.println("nero: input gradients of " + info.file().getFileName() + " are computed in float32 ("
                + why + "); on some CPUs they can then differ from PyTorch's (see docs/model.md, Gradients)");
        return GradientModule.float32(block, manager);
    }
}
