package nero.model;

import java.nio.file.Path;
import nero.core.Preprocessing;

/**
 * Opens a model file in the engine its format needs and checks the contract: the one way in for every model.
 * The place where an engine or precision choice is made for a model file.
 */
final class ModelLoader {
    private ModelLoader() {
    }

    static Classifier load(Path modelFile, Preprocessing fitted) {
        Path file = modelFile.toAbsolutePath().normalize();
        ModelFormat format = ModelFormat.of(file);
        ModelSidecar sidecar = ModelSidecar.forModel(file);
        if (fitted != null) {
            sidecar = sidecar.withPreprocessing(fitted);
        }
        return switch (format) {
            case TORCHSCRIPT -> TorchScriptClassifier.load(file, sidecar);
            case ONNX -> OnnxClassifier.load(file, sidecar);
        };
    }
}
