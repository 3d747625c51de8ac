package nero.model;

import java.nio.file.Path;
import java.util.Optional;
import nero.core.HeadWeights;
import nero.core.Precision;
import nero.core.Preprocessing;

/**
 * A classifier in the NERO model contract, whatever engine runs it: logits, the penultimate features (the input of
 * the final linear layer), optionally the last feature map, and that final layer's weights and bias (the head
 * NERO's relevance is computed from). Input gradients are an optional capability ({@link #inputGradients()}).
 *
 * <p>{@link #load} checks the contract on a probe batch, so at inference time one pass of {@code features} (or
 * {@code feature_map}) suffices: the logits are computed in Java as {@code W·h + b}, which the probe showed to equal
 * the model's own logits. Inference is thread-safe.
 */
public interface Classifier extends AutoCloseable {

    /**
     * Loads and checks a model; throws {@link nero.core.InvalidInputException} naming what is missing and how to
     * fix it. Reads the sidecar {@code <model>.json} if present (else 224×224, ImageNet mean/std, classes class0…).
     */
    static Classifier load(Path modelFile) {
        return ModelLoader.load(modelFile, null, null);
    }

    /**
     * As {@link #load(Path)}, with the preprocessing a detector was fitted with instead of the sidecar's (null: the
     * sidecar's): a detector's scores mean something only for the input it was fitted on, whether the sidecar was
     * left behind when the model was moved or edited since.
     */
    static Classifier load(Path modelFile, Preprocessing fitted) {
        return ModelLoader.load(modelFile, fitted, null);
    }

    /**
     * As {@link #load(Path, Preprocessing)}, run in {@code precision} (null: the model's own, fp32 or int8 for an
     * int8-quantised model): a float model in int8, an int8 model in another precision, and bf16 for an ONNX model
     * are refused; bf16 on a CPU without bfloat16 instructions runs in fp32 and says so on stderr. The precision it
     * runs in is {@code info().precision()}, which a detector records at fit.
     */
    static Classifier load(Path modelFile, Preprocessing fitted, Precision precision) {
        return ModelLoader.load(modelFile, fitted, precision);
    }

    /** The sidecar file {@code <model>.json} that belongs to a model file (whether or not it exists). */
    static Path sidecarOf(Path modelFile) {
        return ModelSidecar.pathFor(modelFile.toAbsolutePath().normalize());
    }

    ModelInfo info();

    /** The head that gives the logits: the model's final layer, or the replacement of {@link #withHead}. */
    HeadWeights head();

    /**
     * Runs a batch of preprocessed images (the model's input size) and returns logits, features and, if asked for
     * and the model has one, the feature map. Thread-safe.
     */
    ModelOutputs run(InputBatch batch, boolean withFeatureMap);

    /**
     * The same network with another linear head on its features (a linear probe fitted on the ID classes): logits,
     * and input gradients where the engine gives them, all go through {@code replacement}; the model file is
     * unchanged. The returned classifier shares this one's model, so close only one of them.
     */
    Classifier withHead(HeadWeights replacement);

    /** Input gradients, where this model's engine computes them (TorchScript); empty otherwise (ONNX). */
    Optional<InputGradients> inputGradients();

    /** Why {@link #inputGradients()} is empty, for refusals that name the method; null when it is not. */
    default String noInputGradientsReason() {
        return null;
    }

    /** Logits of feature rows (N×D) through {@link #head()}, in double then float, as {@link #run} computes them. */
    default float[][] logitsOf(float[][] features) {
        return HeadMath.applyHead(head(), features);
    }

    /** Logits (N×C) of preprocessed images of {@code 3×height×width} values each. */
    default float[][] logits(float[][] inputs) {
        Preprocessing p = info().preprocessing();
        return run(InputBatch.of(inputs, p.height(), p.width()), false).logits();
    }

    @Override
    void close();
}
