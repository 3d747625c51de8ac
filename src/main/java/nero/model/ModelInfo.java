package nero.model;

import java.nio.file.Path;
import java.util.List;
import nero.core.Preprocessing;

/**
 * What a loaded model is: its file and SHA-256 (detector files pin it), class names, preprocessing, feature
 * dimension D, class count C, whether it exports a feature map, and its family (RESNET18, OTHER_CNN or VIT).
 */
public record ModelInfo(Path file, String sha256, List<String> classNames, Preprocessing preprocessing,
        int featureDim, int numClasses, boolean hasFeatureMap, String family) {
    public ModelInfo {
        classNames = List.copyOf(classNames);
    }
}
