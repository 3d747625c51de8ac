package nero.core.methods;

import com.google.gson.JsonObject;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.StoredFields;

/**
 * An OOD detector on shared features/logits. Scores are higher = more OOD, exactly as the NERO reference.
 * Call {@link #fit} (or {@link #restore}) before {@link #score} for every method: post-hoc methods only keep the
 * head there. Its key, title, paper and what it needs are in its {@link OodMethods} entry.
 */
public interface OodMethod {
    void fit(FeatureSet train, HeadWeights head);

    double[] score(FeatureSet samples);

    /** Fitted state as JSON (large arrays base64), for the detector file. */
    JsonObject state();

    /**
     * Takes back a state {@link #state} gave, read field by field and checked against {@code head}; a bad field is
     * refused by its name below {@code state}'s path (in a detector file: {@code payload.baselines.<key>.…}).
     */
    void restore(StoredFields state, HeadWeights head);

    /** {@link #restore(StoredFields, HeadWeights)} of a bare JSON object (fields named {@code state.…}). */
    default void restore(JsonObject state, HeadWeights head) {
        restore(StoredFields.of(state, "state"), head);
    }
}
