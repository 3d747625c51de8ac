package nero.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import nero.core.DifferentiableClassifier;
import nero.core.HeadWeights;
import nero.core.InvalidInputException;
import nero.core.Sha256;

/**
 * A TorchScript classifier in the NERO model contract, run through DJL's PyTorch engine.
 *
 * <p>Contract: {@code forward(x) → logits}, exported {@code features(x) → N×D} (the input of the final linear
 * layer) and optionally {@code feature_map(x) → N×D×h×w} whose spatial mean is {@code features}. The final layer's
 * weight and bias are read by parameter name. {@link #load} checks all of this on a probe batch, so at inference
 * time one pass of {@code features} (or {@code feature_map}) suffices: logits are computed here as
 * {@code W·h + b}, which the probe showed to equal the model's {@code forward} within 1e-4.
 *
 * <p>Inference is thread-safe. Input gradients are computed in float64 on a copy of the module ({@link
 * GradientModule}: the same result on every CPU) and use DJL's process-wide gradient collector, so every gradient
 * call in the JVM is serialised on one lock.
 */
public final class Classifier implements AutoCloseable, DifferentiableClassifier {
    static final double CONTRACT_TOLERANCE = 1e-4;
    static final int GRADIENT_PASS_VALUES = 2 * 3 * 224 * 224;
    private static final String EXPORT_TOOL = "tools/export_for_nero.py";
    private static final List<String> HEAD_NAMES = List.of("fc", "head", "classifier");
    /** DJL's PtGradientCollector is a JVM-wide singleton: one gradient computation at a time. */
    private static final ReentrantLock GRADIENT_LOCK = new ReentrantLock();

    private final ZooModel<NDList, NDList> model;
    private final PtSymbolBlock block;
    private final ModelInfo info;
    private final HeadWeights head;
    /** True when {@link #head} is the model's own final layer, false for a replacement (a linear probe). */
    private final boolean ownHead;
    private final int height;
    private final int width;
    /** Guarded by {@link #GRADIENT_LOCK}. */
    private GradientModule gradientModule;
    /** For a classifier made by {@link #withHead}: the one it was made from, whose gradient module it shares. */
    private final Classifier base;

    private Classifier(ZooModel<NDList, NDList> model, ModelInfo info, HeadWeights head, Classifier base) {
        this.base = base;
        this.ownHead = base == null;
        this.model = model;
        this.block = (PtSymbolBlock) model.getBlock();
        this.info = info;
        this.head = head;
        this.height = info.preprocessing().height();
        this.width = info.preprocessing().width();
    }

    /**
     * Loads and checks a model; throws {@link InvalidInputException} naming what is missing and how to fix it.
     * Reads the sidecar {@code <model>.json} if present (else 224×224, ImageNet mean/std, classes class0…).
     */
    public static Classifier load(Path modelFile) {
        return load(modelFile, null);
    }

    /**
     * As {@link #load(Path)}, with the preprocessing a detector was fitted with instead of the sidecar's (null: the
     * sidecar's): a detector's scores mean something only for the input it was fitted on, whether the sidecar was
     * left behind when the model was moved or edited since.
     */
    public static Classifier load(Path modelFile, nero.core.Preprocessing fitted) {
        Path file = modelFile.toAbsolutePath().normalize();
        requireTorchScriptArchive(file);
        ModelSidecar sidecar = ModelSidecar.forModel(file);
        if (fitted != null) {
            sidecar = sidecar.withPreprocessing(fitted);
        }
        Engine.ensureStarted();
        ZooModel<NDList, NDList> model = loadTorchScript(file);
        try {
            return ContractCheck.check(model, file, sidecar, Sha256.of(file));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The sidecar file {@code <model>.json} that belongs to a model file (whether or not it exists). */
    public static Path sidecarOf(Path modelFile) {
        return ModelSidecar.pathFor(modelFile.toAbsolutePath().normalize());
    }

    public ModelInfo info() {
        return info;
    }

    /** The head that gives the logits: the model's final layer, or the replacement of {@link #withHead}. */
    public HeadWeights head() {
        return head;
    }

    /** Logits of feature rows (N×D) through {@link #head()}, in double then float, as {@link #run} computes them. */
    public float[][] logitsOf(float[][] features) {
        return applyHead(head, features);
    }

    /**
     * The same network with another linear head on its features (a linear probe fitted on the ID classes): logits,
     * input gradients and gradient × input all go through {@code replacement}; the model file is unchanged. The
     * returned classifier shares this one's model, so close only one of them.
     */
    public Classifier withHead(HeadWeights replacement) {
        if (replacement.dimension() != info.featureDim()) {
            throw new InvalidInputException("the replacement head takes " + replacement.dimension() + " features but"
                    + " model " + info.file().getFileName() + " gives " + info.featureDim() + " per image; it was"
                    + " fitted for another model");
        }
        return new Classifier(model, info, replacement, base != null ? base : this);
    }

    /**
     * Runs {@code n} preprocessed images (NCHW, the model's input size) and returns logits, features and, if
     * asked for and exported, the feature map. Thread-safe.
     */
    public ModelOutputs run(float[] nchw, int n, boolean withFeatureMap) {
        int sampleSize = 3 * height * width;
        if (n <= 0 || nchw.length != (long) n * sampleSize) {
            throw new IllegalArgumentException("expected " + n + "×3×" + height + "×" + width + " values, got "
                    + nchw.length);
        }
        boolean map = withFeatureMap && info.hasFeatureMap();
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray out = runMethod(scope, map ? "feature_map" : "features", nchw, n);
            float[] values = out.toFloatArray();
            long[] shape = out.getShape().getShape();
            float[][] features;
            float[] featureMap = null;
            int mapHeight = 0;
            int mapWidth = 0;
            if (map) {
                mapHeight = (int) shape[2];
                mapWidth = (int) shape[3];
                featureMap = values;
                features = spatialMean(values, n, (int) shape[1], mapHeight * mapWidth);
            } else {
                features = rows(values, n, (int) shape[1]);
            }
            return new ModelOutputs(n, applyHead(head, features), features, featureMap, mapHeight, mapWidth);
        }
    }

    @Override
    public float[][] logits(float[][] inputs) {
        return run(pack(inputs), inputs.length, false).logits();
    }

    /**
     * Gradient of the mean cross-entropy of logits/T against {@code targets}; BatchNorm stays in eval mode. Each
     * image's gradient depends on that image only, so the batch goes through the float64 module in passes of at
     * most {@value #GRADIENT_PASS_VALUES} input values (two 224² images) to bound the float64 activations: 8 ResNet-18
     * images in one pass peaked at 1.1 GB resident (0.6 GB in float32), in passes of two at 0.8 GB.
     */
    @Override
    public float[][] inputGradient(float[][] inputs, int[] targets, double temperature) {
        if (targets.length != inputs.length) {
            throw new IllegalArgumentException(inputs.length + " inputs but " + targets.length + " targets");
        }
        int n = inputs.length;
        int classes = head.classes();
        for (int t : targets) {
            if (t < 0 || t >= classes) {
                throw new IllegalArgumentException("target class " + t + " outside 0.." + (classes - 1));
            }
        }
        int sampleSize = 3 * height * width;
        int pass = Math.max(1, GRADIENT_PASS_VALUES / sampleSize);
        float[][] gradients = new float[n][];
        for (int start = 0; start < n; start += pass) {
            int count = Math.min(pass, n - start);
            int[] passTargets = Arrays.copyOfRange(targets, start, start + count);
            float[] gradient = gradient(pack(Arrays.copyOfRange(inputs, start, start + count)), count,
                    (logits, scope) -> {
                        NDArray oneHot = scope.create(passTargets).oneHot(classes).toType(logits.getDataType(), false);
                        NDArray logProbabilities = logits.div(temperature).logSoftmax(1);
                        return logProbabilities.mul(oneHot).sum().neg().div(n); // the mean over the whole batch
                    });
            System.arraycopy(rows(gradient, count, sampleSize), 0, gradients, start, count);
        }
        return gradients;
    }

    /** Gradient × input of the logit of {@code targetClass} for one preprocessed image: a C×H×W relevance map. */
    public float[] gradientTimesInput(float[] chw, int targetClass) {
        if (targetClass < 0 || targetClass >= head.classes()) {
            throw new IllegalArgumentException("target class " + targetClass + " outside 0.." + (head.classes() - 1));
        }
        float[] gradient = gradient(pack(new float[][] {chw}), 1, (logits, scope) -> logits.get(0, targetClass));
        float[] result = new float[chw.length];
        for (int i = 0; i < chw.length; i++) {
            result[i] = gradient[i] * chw[i];
        }
        return result;
    }

    /** Whether input gradients run on the float64 copy (made now if not yet); false on the float32 fallback. */
    boolean gradientsInFloat64() {
        GRADIENT_LOCK.lock();
        try {
            return gradientModule().isFloat64();
        } finally {
            GRADIENT_LOCK.unlock();
        }
    }

    /** For GradientBenchmark only: back to the float32 module (the path before issue #13), to measure the cost. */
    void useFloat32Gradients() {
        GRADIENT_LOCK.lock();
        try {
            if (gradientModule != null) {
                gradientModule.discard();
            }
            gradientModule = GradientModule.float32(block, model.getNDManager());
        } finally {
            GRADIENT_LOCK.unlock();
        }
    }

    @Override
    public void close() {
        model.close();
    }

    // ---- engine calls ------------------------------------------------------------------------------------

    /**
     * Serialised on {@link #GRADIENT_LOCK} because DJL's gradient collector is JVM-wide (runtime notes §2: weights
     * loaded with trainParam=true and frozen, input requiring grad, forward with autograd inside a collector).
     */
    private float[] gradient(float[] nchw, int n, GradientModule.Objective objective) {
        GRADIENT_LOCK.lock();
        try {
            return gradientModule().gradient(nchw, new Shape(n, 3, height, width), objective, ownHead ? null : head);
        } finally {
            GRADIENT_LOCK.unlock();
        }
    }

    /** Made on the first gradient call (under the lock), so scoring alone never pays for the float64 copy. */
    private GradientModule gradientModule() {
        if (base != null) {
            return base.gradientModule();
        }
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
        NDManager manager = model.getNDManager();
        Shape shape = new Shape(1, 3, height, width);
        float[] x = ContractCheck.probeInput(1, 3 * height * width);
        String why;
        GradientModule copy = null;
        try {
            copy = GradientModule.float64CopyOf(block, manager);
            if (copy == null) {
                why = "libtorch's Module::to(ScalarType) cannot be called on this platform";
            } else {
                float[][] expected = {GradientModule.float32(block, manager).logits(x, shape)};
                double diff = ContractCheck.maxRelativeDifference(new float[][] {copy.logits(x, shape)}, expected);
                if (diff <= CONTRACT_TOLERANCE) {
                    return copy;
                }
                why = String.format("its float64 copy gives other logits, max difference %.3g", diff);
            }
        } catch (RuntimeException e) {
            why = "its float64 copy does not run: " + lastLine(e);
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

    private NDArray runMethod(NDManager scope, String method, float[] nchw, int n) {
        NDArray x = scope.create(nchw, new Shape(n, 3, height, width));
        try (IValue input = IValue.from((PtNDArray) x);
                IValue output = IValueUtils.runMethod(block, method, input)) {
            if (!output.isTensor()) {
                throw new InvalidInputException("model " + info.file() + ": method `" + method
                        + "` must return one tensor, it returned " + output.getType());
            }
            return output.toTensor((PtNDManager) scope);
        }
    }

    private float[] pack(float[][] inputs) {
        int sampleSize = 3 * height * width;
        float[] packed = new float[inputs.length * sampleSize];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].length != sampleSize) {
                throw new IllegalArgumentException("input " + i + " has " + inputs[i].length
                        + " values, the model takes 3×" + height + "×" + width);
            }
            System.arraycopy(inputs[i], 0, packed, i * sampleSize, sampleSize);
        }
        return packed;
    }

    // ---- small numerics -----------------------------------------------------------------------------------

    static float[][] rows(float[] flat, int n, int width) {
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return rows;
    }

    static float[][] spatialMean(float[] map, int n, int channels, int area) {
        float[][] mean = new float[n][channels];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                for (int k = 0; k < area; k++) {
                    sum += map[offset++];
                }
                mean[i][c] = (float) (sum / area);
            }
        }
        return mean;
    }

    static float[][] applyHead(HeadWeights head, float[][] features) {
        float[][] logits = new float[features.length][head.classes()];
        for (int i = 0; i < features.length; i++) {
            for (int k = 0; k < head.classes(); k++) {
                float[] w = head.weight()[k];
                double sum = head.bias()[k];
                for (int d = 0; d < w.length; d++) {
                    sum += (double) w[d] * features[i][d];
                }
                logits[i][k] = (float) sum;
            }
        }
        return logits;
    }

    // ---- loading ------------------------------------------------------------------------------------------

    private static void requireTorchScriptArchive(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("model file " + file + " does not exist or is not a file");
        }
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int read = in.readNBytes(magic, 0, 4);
            if (read < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4) {
                throw notTorchScript(file, "it is not a zip archive");
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static InvalidInputException notTorchScript(Path file, String why) {
        return new InvalidInputException("model file " + file + " is not a TorchScript model (" + why + "). Save the "
                + "classifier with torch.jit.script(model).save(...) — " + EXPORT_TOOL + " does this and adds the "
                + "methods NERO needs. Checkpoints from torch.save(state_dict) cannot be used directly.");
    }

    private static ZooModel<NDList, NDList> loadTorchScript(Path file) {
        return Engine.withContextClassLoader(() -> {
            try {
                ZooModel<NDList, NDList> model = Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelPath(file)
                        .optEngine("PyTorch")
                        .optOption("trainParam", "true") // weights outside InferenceMode, so input gradients work
                        .build()
                        .loadModel();
                model.getBlock().freezeParameters(true); // we only differentiate with respect to the input
                return model;
            } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
                throw notTorchScript(file, "PyTorch could not load it: " + firstLine(e));
            }
        });
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** TorchScript errors start with a traceback and end with the cause. */
    private static String lastLine(Throwable e) {
        String[] lines = String.valueOf(e.getMessage()).strip().split("\\R");
        return lines[lines.length - 1].replaceFirst("^RuntimeError: ", "");
    }

    /** Checks the contract on a probe batch and builds the classifier (or refuses with a fix). */
    private static final class ContractCheck {
        private static final int PROBE_BATCH = 2;

        static Classifier check(ZooModel<NDList, NDList> model, Path file, ModelSidecar sidecar, String sha256) {
            PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
            Set<String> methods = Set.of(JniUtils.getMethodNames(block));
            if (!methods.contains("features")) {
                throw new InvalidInputException("model " + file + " has no exported method `features` (the input "
                        + "of the final linear layer). Wrap it with " + EXPORT_TOOL + ", which adds `features` and "
                        + "`feature_map` and writes the sidecar.");
            }
            boolean hasMap = methods.contains("feature_map");
            if (Boolean.TRUE.equals(sidecar.hasFeatureMap) && !hasMap) {
                throw new InvalidInputException("model " + file + ": its sidecar says has_feature_map=true but the "
                        + "model exports no method `feature_map`. Re-export it with " + EXPORT_TOOL
                        + " or set has_feature_map to false.");
            }
            HeadWeights head = readHead(block, file, sidecar.head);
            ModelInfo provisional = new ModelInfo(file, sha256, classNames(sidecar, head.classes(), file),
                    sidecar.preprocessing, head.dimension(), head.classes(), hasMap, sidecar.family);
            Classifier classifier = new Classifier(model, provisional, head, null);
            probe(classifier, file, sidecar, hasMap);
            return classifier;
        }

        private static List<String> classNames(ModelSidecar sidecar, int classes, Path file) {
            if (sidecar.classNames.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < classes; i++) {
                    names.add("class" + i);
                }
                return names;
            }
            if (sidecar.classNames.size() != classes) {
                throw new InvalidInputException("model " + file + " has " + classes + " outputs but its sidecar "
                        + ModelSidecar.pathFor(file).getFileName() + " names " + sidecar.classNames.size()
                        + " classes; fix \"class_names\" or " + ModelSidecar.EXPORT_HINT);
            }
            return sidecar.classNames;
        }

        static HeadWeights readHead(PtSymbolBlock block, Path file, String declared) {
            List<Pair<String, Parameter>> parameters = new ArrayList<>();
            block.getDirectParameters().forEach(parameters::add);
            List<String> prefixes = declared != null ? List.of(declared) : HEAD_NAMES;
            for (String prefix : prefixes) {
                Pattern weightName = Pattern.compile(Pattern.quote(prefix) + "(\\.[A-Za-z0-9_]+)*\\.weight");
                Pair<String, Parameter> weight = null;
                for (Pair<String, Parameter> p : parameters) {
                    if (weightName.matcher(p.getKey()).matches() && p.getValue().getArray().getShape().dimension() == 2) {
                        weight = p; // keep the last: in a Sequential head the final Linear comes last
                    }
                }
                if (weight != null) {
                    return headFrom(weight, parameters);
                }
            }
            List<String> names = parameters.stream().map(Pair::getKey).toList();
            String looked = declared != null ? "`" + declared + ".weight` (named by the sidecar's \"head\")"
                    : "`fc.weight`, `head.weight` or `classifier.weight`";
            throw new InvalidInputException("model " + file + " has no final linear layer parameter " + looked
                    + "; its parameters end with " + names.subList(Math.max(0, names.size() - 4), names.size())
                    + ". Put the layer's name in the sidecar's \"head\" field, or re-export with " + EXPORT_TOOL + ".");
        }

        private static HeadWeights headFrom(Pair<String, Parameter> weight, List<Pair<String, Parameter>> parameters) {
            NDArray w = weight.getValue().getArray();
            int classes = (int) w.getShape().get(0);
            int dim = (int) w.getShape().get(1);
            float[][] matrix = rows(w.toFloatArray(), classes, dim);
            String biasName = weight.getKey().substring(0, weight.getKey().length() - "weight".length()) + "bias";
            float[] bias = new float[classes];
            for (Pair<String, Parameter> p : parameters) {
                if (p.getKey().equals(biasName)) {
                    bias = p.getValue().getArray().toFloatArray();
                }
            }
            return new HeadWeights(matrix, bias);
        }

        private static void probe(Classifier c, Path file, ModelSidecar sidecar, boolean hasMap) {
            int h = c.height;
            int w = c.width;
            float[] x = probeInput(PROBE_BATCH, 3 * h * w);
            NDArray logits;
            NDArray features;
            try (NDManager scope = c.model.getNDManager().newSubManager()) {
                try {
                    logits = c.runMethod(scope, "forward", x, PROBE_BATCH);
                    features = c.runMethod(scope, "features", x, PROBE_BATCH);
                } catch (InvalidInputException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new InvalidInputException("model " + file + " failed on a " + PROBE_BATCH + "×3×" + h + "×"
                            + w + " input (size from " + (sidecar.classNames.isEmpty() ? "the defaults" : "its sidecar")
                            + "): " + firstLine(e) + ". Check \"input_size\" in the sidecar.", e);
                }
                long[] fs = features.getShape().getShape();
                long[] ls = logits.getShape().getShape();
                if (fs.length != 2 || fs[0] != PROBE_BATCH) {
                    throw new InvalidInputException("model " + file + ": `features` must return N×D, it returned "
                            + Arrays.toString(fs) + ". Re-export with " + EXPORT_TOOL + ".");
                }
                if (ls.length != 2 || ls[0] != PROBE_BATCH) {
                    throw new InvalidInputException("model " + file + ": `forward` must return N×classes logits, it "
                            + "returned " + Arrays.toString(ls) + ". Re-export with " + EXPORT_TOOL + ".");
                }
                if (fs[1] != c.head.dimension()) {
                    throw new InvalidInputException("model " + file + ": `features` gives " + fs[1] + " values per "
                            + "image but the final layer takes " + c.head.dimension() + "; `features` must return "
                            + "the input of the final linear layer. Re-export with " + EXPORT_TOOL + ".");
                }
                if (ls[1] != c.head.classes()) {
                    throw new InvalidInputException("model " + file + ": `forward` gives " + ls[1] + " logits but "
                            + "the final layer has " + c.head.classes() + " outputs; name the right layer in the "
                            + "sidecar's \"head\" field or re-export with " + EXPORT_TOOL + ".");
                }
                if (sidecar.featureDim != null && sidecar.featureDim != fs[1]) {
                    throw new InvalidInputException("model " + file + ": sidecar says feature_dim=" + sidecar.featureDim
                            + " but `features` gives " + fs[1] + "; " + ModelSidecar.EXPORT_HINT + ".");
                }
                float[][] h0 = rows(features.toFloatArray(), PROBE_BATCH, (int) fs[1]);
                float[][] expected = rows(logits.toFloatArray(), PROBE_BATCH, (int) ls[1]);
                requireFinite(expected, file);
                double diff = maxRelativeDifference(applyHead(c.head, h0), expected);
                if (diff > CONTRACT_TOLERANCE) {
                    throw new InvalidInputException("model " + file + ": the final layer applied to `features` does "
                            + "not reproduce `forward` (max difference " + String.format("%.3g", diff) + " > 1e-4), so "
                            + "`features` is not the input of the final linear layer (or the head parameters are "
                            + "not the last layer). Re-export with " + EXPORT_TOOL + ".");
                }
                if (hasMap) {
                    NDArray map = c.runMethod(scope, "feature_map", x, PROBE_BATCH);
                    long[] ms = map.getShape().getShape();
                    if (ms.length != 4 || ms[0] != PROBE_BATCH || ms[1] != fs[1]) {
                        throw new InvalidInputException("model " + file + ": `feature_map` must return N×" + fs[1]
                                + "×h×w, it returned " + Arrays.toString(ms) + ". Re-export with " + EXPORT_TOOL + ".");
                    }
                    float[][] mean = spatialMean(map.toFloatArray(), PROBE_BATCH, (int) ms[1], (int) (ms[2] * ms[3]));
                    double mapDiff = maxRelativeDifference(mean, h0);
                    if (mapDiff > CONTRACT_TOLERANCE) {
                        throw new InvalidInputException("model " + file + ": the spatial mean of `feature_map` differs "
                                + "from `features` (max difference " + String.format("%.3g", mapDiff) + " > 1e-4). "
                                + "Re-export with " + EXPORT_TOOL + ".");
                    }
                }
            }
        }

        private static void requireFinite(float[][] logits, Path file) {
            for (float[] row : logits) {
                for (float v : row) {
                    if (!Float.isFinite(v)) {
                        throw new InvalidInputException("model " + file + " gives NaN or infinite logits on a probe "
                                + "input; check the model's weights.");
                    }
                }
            }
        }

        /** max |a−b| / max(1, |b|): absolute for small values, relative for large ones. */
        static double maxRelativeDifference(float[][] a, float[][] b) {
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[i].length; j++) {
                    worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]) / Math.max(1.0, Math.abs(b[i][j])));
                }
            }
            return worst;
        }

        /** Deterministic, image-like values (about the range of a normalised image). */
        static float[] probeInput(int n, int sampleSize) {
            float[] x = new float[n * sampleSize];
            for (int s = 0; s < n; s++) {
                for (int i = 0; i < sampleSize; i++) {
                    x[s * sampleSize + i] = (float) (Math.sin(0.01 * i + s) * 2.0);
                }
            }
            return x;
        }
    }
}
