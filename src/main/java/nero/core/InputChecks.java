package nero.core;

/** Refusals of inputs that would silently turn into NaN or infinite scores (NERO and every other method). */
public final class InputChecks {
    /** |logit + ε| below this is treated as a zero denominator. */
    static final double ZERO_LOGIT = 1e-12;

    private InputChecks() {
    }

    public static void finite(float[] v, String what, String sampleId) {
        for (int j = 0; j < v.length; j++) {
            if (!Float.isFinite(v[j])) {
                throw new InvalidInputException("sample " + sampleId + ": " + what + " " + j + " is " + v[j]
                        + " (NaN or infinite)");
            }
        }
    }

    /** Features and logits of one sample of a feature set. */
    public static void finiteRow(FeatureSet s, int i) {
        finite(s.features()[i], "feature", s.ids()[i]);
        finite(s.logits()[i], "logit", s.ids()[i]);
    }

    static void notAllZero(float[] features, String sampleId) {
        for (float f : features) {
            if (f != 0) {
                return;
            }
        }
        throw new InvalidInputException("sample " + sampleId + ": the feature vector is all zeros, so its "
                + "feature-norm ratio is undefined");
    }

    static void length(float[] v, int expected, String what, String sampleId) {
        if (v.length != expected) {
            throw new InvalidInputException("sample " + sampleId + ": " + what + " has " + v.length
                    + " values, the classifier head expects " + expected);
        }
    }
}
