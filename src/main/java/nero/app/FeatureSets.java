package nero.app;

import java.util.List;
import nero.core.FeatureSet;

/** Joins feature sets from several sources (row order kept). */
final class FeatureSets {
    private FeatureSets() {
    }

    static FeatureSet concat(List<FeatureSet> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int n = parts.stream().mapToInt(FeatureSet::size).sum();
        String[] ids = new String[n];
        float[][] features = new float[n][];
        float[][] logits = new float[n][];
        int[] labels = new int[n];
        int at = 0;
        for (FeatureSet p : parts) {
            for (int i = 0; i < p.size(); i++, at++) {
                ids[at] = p.ids()[i];
                features[at] = p.features()[i];
                logits[at] = p.logits()[i];
                labels[at] = p.labels()[i];
            }
        }
        return new FeatureSet(ids, features, logits, labels);
    }
}
