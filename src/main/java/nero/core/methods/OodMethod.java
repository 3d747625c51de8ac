package nero.core.methods;

import com.google.gson.JsonObject;
import nero.core.FeatureSet;
import nero.core.HeadWeights;

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

    void restore(JsonObject state, HeadWeights head);
}
