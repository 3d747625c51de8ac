package nero.core.methods;

import nero.core.FeatureSet;
import nero.core.InvalidInputException;

/** Refuses NaN / infinite inputs with the sample's id. */
final class MethodInputs {
    private MethodInputs() {
    }

    static void checkRow(FeatureSet s, int i) {
        check(s.features()[i], "feature", s.ids()[i]);
        check(s.logits()[i], "logit", s.ids()[i]);
    }

    static void check(float[] v, String what, String id) {
        for (int j = 0; j < v.length; j++) {
            if (!Float.isFinite(v[j])) {
                throw new InvalidInputException("sample " + id + ": " + what + " " + j + " is " + v[j]);
            }
        }
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
