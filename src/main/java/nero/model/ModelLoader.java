package nero.model;

import java.nio.file.Path;
import nero.core.Precision;
import nero.core.Preprocessing;

/**
 * Opens a model file in the engine its format needs, in the precision asked for ({@link PrecisionChoice}), and
 * checks the contract: the one way in for every model, so every job (fit, score, Spark, live) runs the model as
 * its detector was fitted.
 */
final class ModelLoader {
    private ModelLoader() {
    }

    static Classifier load(Path modelFile, Preprocessing fitted, Precision precision) {
        Path file = modelFile.toAbsolutePath().normalize();
        ModelFormat format = ModelFormat.of(file);
        ModelSidecar sidecar = ModelSidecar.forModel(file);
        if (fitted != null) {
            sidecar = sidecar.withPreprocessing(fitted);
        }
        return switch (format) {
            case TORCHSCRIPT -> TorchScriptClassifier.load(file, sidecar, precision);
            case ONNX -> OnnxClassifier.load(file, sidecar, precision);
        };
    }
}
