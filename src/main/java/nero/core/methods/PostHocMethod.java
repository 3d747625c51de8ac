package nero.core.methods;

import com.google.gson.JsonObject;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.InputChecks;
import nero.core.InvalidInputException;
import nero.core.StoredFields;

/** A method that needs no training statistics: fit and restore only keep the head. */
abstract class PostHocMethod implements OodMethod {
    protected HeadWeights head;

    @Override
    public void fit(FeatureSet train, HeadWeights head) {
        this.head = head;
    }

    @Override
    public JsonObject state() {
        return new JsonObject();
    }

    @Override
    public void restore(StoredFields state, HeadWeights head) {
        this.head = head;
    }

    @Override
    public double[] score(FeatureSet samples) {
        double[] out = new double[samples.size()];
        for (int i = 0; i < out.length; i++) {
            InputChecks.finiteRow(samples, i);
            out[i] = scoreOne(samples.features()[i], samples.logits()[i]);
        }
        return out;
    }

    abstract double scoreOne(float[] features, float[] logits);

    protected HeadWeights requireHead() {
        if (head == null) {
            throw new IllegalStateException(getClass().getSimpleName() + ": call fit(...) or restore(...) before scoring");
        }
        return head;
    }

    static InvalidInputException missing(String what) {
        return new InvalidInputException(what);
    }
}
