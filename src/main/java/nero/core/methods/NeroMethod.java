package nero.core.methods;

import com.google.gson.JsonObject;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.NeroDetector;
import nero.core.NeroParameters;
import nero.core.NeroStateJson;

/** NERO through the registry; see {@link NeroDetector}. */
final class NeroMethod extends TrainedMethod {
    private final NeroParameters parameters;
    private NeroDetector detector;

    NeroMethod(NeroParameters parameters) {
        this.parameters = parameters;
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
    public void restore(JsonObject state, HeadWeights head) {
        this.head = head;
        detector = NeroDetector.fromState(NeroStateJson.fromJson(state), head);
        fitted = true;
    }
}
