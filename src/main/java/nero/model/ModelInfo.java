package nero.model;

import java.nio.file.Path;
import java.util.List;
import nero.core.Preprocessing;
import nero.core.methods.ModelFamily;

/**
 * What a loaded model is: its file and SHA-256 (detector files pin it), class names, preprocessing, feature
 * dimension D, class count C, whether it exports a feature map, and its family (from the sidecar; it picks ReAct's clip and NECO's
 * ViT variant, as the reference does).
 */
public record ModelInfo(Path file, String sha256, List<String> classNames, Preprocessing preprocessing,
        int featureDim, int numClasses, boolean hasFeatureMap, ModelFamily family) {
    public ModelInfo {
        classNames = List.copyOf(classNames);
    }
}
