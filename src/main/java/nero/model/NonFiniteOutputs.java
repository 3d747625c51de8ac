package nero.model;

/**
 * A model's outputs for one image that no score can be computed from: a NaN or infinite feature or logit (a model
 * can produce them for some inputs, e.g. an overflow on a saturated image). Such an image is reported and skipped,
 * never scored: a NaN score would compare as "not above the threshold" and read as in-distribution.
 */
final class NonFiniteOutputs {
    private NonFiniteOutputs() {
    }

    /** Why these outputs cannot be scored, or null when all values are finite; {@code odin} may be null. */
    static String problem(float[] features, float[] logits, float[] odin) {
        String p = firstNonFinite(features, "feature");
        if (p == null) {
            p = firstNonFinite(logits, "logit");
        }
        if (p == null && odin != null) {
            p = firstNonFinite(odin, "ODIN logit");
        }
        return p == null ? null : "the model's output is not a number: " + p + "; the image is not scored";
    }

    private static String firstNonFinite(float[] values, String what) {
        int bad = 0;
        int first = -1;
        for (int j = 0; j < values.length; j++) {
            if (!Float.isFinite(values[j])) {
                bad++;
                if (first < 0) {
                    first = j;
                }
            }
        }
        if (bad == 0) {
            return null;
        }
        return what + " " + first + " is " + values[first] + (bad > 1 ? " (" + bad + " of " + values.length
                + " " + what + "s are NaN or infinite)" : "");
    }
}
