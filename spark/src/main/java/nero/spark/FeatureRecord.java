package nero.spark;

import java.io.Serializable;

/**
 * One item of a feature pass: where it came from ({@code order} of its file, {@code item} within the file), its
 * id and class folder, and either its features and logits or the reason it was skipped.
 */
record FeatureRecord(long order, int item, String id, String label, float[] features, float[] logits,
        String skipReason) implements Serializable {
    boolean skipped() {
        return skipReason != null;
    }
}
