package nero.core.methods;

import com.google.gson.JsonObject;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.NeroDetector;
import nero.core.NeroParameters;
import nero.core.NeroStateJson;
import nero.core.StoredFields;

/**
 * NERO through the registry; see {@link NeroDetector}. A detector file is NERO's own state, so a method restored
 * from a detector wraps the detector's NERO as it is ({@link OodMethods#restore}), with no JSON in between.
 */
final class NeroMethod extends TrainedMethod {
    private final NeroParameters parameters;
    private NeroDetector detector;

    NeroMethod(NeroParameters parameters) {
        this.parameters = parameters;
    }

    /** NERO as a fitted detector holds it. */
    NeroMethod(NeroDetector fitted) {
        this(fitted.parameters());
        this.head = fitted.head();
        this.detector = fitted;
        this.fitted = true;
    }

    @Override
    public void fit(FeatureSet train, HeadWeights head) {
        this.head = head;
        detector = NeroDetector.fit(train, head, parameters);
        fitted = true;
    }

    @Override
    public double[] score(FeatureSet samples) {
        requireFitted();
        return detector.scores(samples);
    }

    @Override
    public JsonObject state() {
        requireFitted();
        return NeroStateJson.toJson(detector.state());
    }

    @Override
    void read(StoredFields state, HeadWeights head) {
        detector = NeroDetector.fromState(NeroStateJson.fromJson(state), head);
    }

    /** The fitted NERO detector (its threshold, projections and explanations are the detector file's). */
    NeroDetector detector() {
        requireFitted();
        return detector;
    }
}
