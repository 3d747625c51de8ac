package nero.model;

import java.util.List;
import nero.core.FeatureSet;
import nero.io.SkippedItem;

/**
 * What {@link FeatureExtractor} produced: one FeatureSet row per readable item (in source order), the items it
 * skipped and why, and, if asked for, every row's feature map concatenated (n×D×mapHeight×mapWidth) or null.
 */
public record Extraction(FeatureSet features, List<SkippedItem> skipped, float[] featureMaps, int mapHeight,
        int mapWidth) {
    public Extraction {
        skipped = List.copyOf(skipped);
    }

    public Extraction(FeatureSet features, List<SkippedItem> skipped, float[] featureMaps) {
        this(features, skipped, featureMaps, 0, 0);
    }
}
