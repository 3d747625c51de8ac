package nero.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the model gives for N samples, extracted once and shared by every detector: penultimate features (N×D),
 * logits (N×C), ground-truth labels (−1 where unknown) and the identifiers that trace each row to its file/frame.
 * Optional named extras carry per-sample vectors some methods need (e.g. {@value #ODIN_LOGITS}).
 */
public final class FeatureSet {
    /** Extra: logits of the ODIN-perturbed inputs (N×C), computed by the model layer through {@link DifferentiableClassifier}. */
    public static final String ODIN_LOGITS = "odin_logits";

    private final String[] ids;
    private final float[][] features;
    private final float[][] logits;
    private final int[] labels;
    private final Map<String, float[][]> extras = new HashMap<>();

    public FeatureSet(String[] ids, float[][] features, float[][] logits, int[] labels) {
        this.ids = Objects.requireNonNull(ids);
        this.features = Objects.requireNonNull(features);
        this.logits = Objects.requireNonNull(logits);
        this.labels = Objects.requireNonNull(labels);
        int n = ids.length;
        if (features.length != n || logits.length != n || labels.length != n) {
            throw new InvalidInputException("feature set sizes differ: " + n + " ids, " + features.length
                    + " feature rows, " + logits.length + " logit rows, " + labels.length + " labels");
        }
    }

    /** A feature set without identifiers or labels (ids "0", "1", …; labels −1). */
    public static FeatureSet unlabelled(float[][] features, float[][] logits) {
        String[] ids = new String[features.length];
        int[] labels = new int[features.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Integer.toString(i);
            labels[i] = -1;
        }
        return new FeatureSet(ids, features, logits, labels);
    }

    /** The sets' rows one after the other, in order (extras are not carried over). */
    public static FeatureSet concat(List<FeatureSet> parts) {
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
                ids[at] = p.ids[i];
                features[at] = p.features[i];
                logits[at] = p.logits[i];
                labels[at] = p.labels[i];
            }
        }
        return new FeatureSet(ids, features, logits, labels);
    }

    /** Share of the labelled samples (label ≥ 0) whose largest logit is their label; NaN when none is labelled. */
    public double accuracy() {
        int counted = 0;
        int right = 0;
        for (int i = 0; i < size(); i++) {
            if (labels[i] < 0) {
                continue;
            }
            counted++;
            if (Softmax.argmax(logits[i]) == labels[i]) {
                right++;
            }
        }
        return counted == 0 ? Double.NaN : (double) right / counted;
    }

    public int size() {
        return ids.length;
    }

    public int dimension() {
        return features.length == 0 ? 0 : features[0].length;
    }

    public int classes() {
        return logits.length == 0 ? 0 : logits[0].length;
    }

    public String[] ids() {
        return ids;
    }

    public float[][] features() {
        return features;
    }

    public float[][] logits() {
        return logits;
    }

    public int[] labels() {
        return labels;
    }

    /** The given rows, in the given order, extras included. */
    public FeatureSet select(int[] rows) {
        String[] i2 = new String[rows.length];
        float[][] f2 = new float[rows.length][];
        float[][] l2 = new float[rows.length][];
        int[] y2 = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            i2[r] = ids[rows[r]];
            f2[r] = features[rows[r]];
            l2[r] = logits[rows[r]];
            y2[r] = labels[rows[r]];
        }
        FeatureSet out = new FeatureSet(i2, f2, l2, y2);
        for (Map.Entry<String, float[][]> e : extras.entrySet()) {
            float[][] picked = new float[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                picked[r] = e.getValue()[rows[r]];
            }
            out.withExtra(e.getKey(), picked);
        }
        return out;
    }

    public FeatureSet withExtra(String name, float[][] rows) {
        if (rows.length != size()) {
            throw new InvalidInputException("extra '" + name + "' has " + rows.length + " rows, expected " + size());
        }
        extras.put(name, rows);
        return this;
    }

    public float[][] extra(String name) {
        return extras.get(name);
    }
}
