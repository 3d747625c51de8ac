package nero.model;

import java.nio.file.Path;
import java.util.List;
import nero.core.HeadWeights;
import nero.core.InvalidInputException;
import nero.core.Precision;
import nero.core.Preprocessing;
import nero.core.methods.ModelFamily;

/**
 * What a loaded model is: its file and SHA-256 (detector files pin it), class names, preprocessing, feature
 * dimension D, class count C, whether it exports a feature map, its family (from the sidecar; it picks ReAct's clip and NECO's
 * ViT variant, as the reference does), and the precision it runs in.
 */
public record ModelInfo(Path file, String sha256, List<String> classNames, Preprocessing preprocessing,
        int featureDim, int numClasses, boolean hasFeatureMap, ModelFamily family, Precision precision) {
    public ModelInfo {
        classNames = List.copyOf(classNames);
    }

    /** Refuses a replacement head (a linear probe) fitted on features of another size than this model's. */
    void requireFeatures(HeadWeights replacement) {
        if (replacement.dimension() != featureDim) {
            throw new InvalidInputException("the replacement head takes " + replacement.dimension() + " features but"
                    + " model " + file.getFileName() + " gives " + featureDim + " per image; it was fitted for"
                    + " another model");
        }
    }
}
