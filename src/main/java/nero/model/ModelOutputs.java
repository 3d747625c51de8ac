package nero.model;

/**
 * One batch through the model: logits (n×C), penultimate features (n×D) and, when asked for, the feature map
 * flattened as n×D×mapHeight×mapWidth (row-major, like the NCHW tensor), else null with a 0×0 size.
 */
public record ModelOutputs(int n, float[][] logits, float[][] features, float[] featureMap, int mapHeight,
        int mapWidth) {
}
