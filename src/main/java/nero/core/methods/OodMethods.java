package nero.core.methods;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import nero.core.DetectorState;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.InvalidInputException;
import nero.core.NeroDetector;
import nero.core.NeroParameters;
import nero.core.ProgressListener;
import nero.core.StoredFields;

/**
 * The one registry of OOD methods: per key, its title, paper, what it needs and a factory. Commands, macros and
 * the command line choose methods by key, through {@link #parse}. Adding a method is one class and one line here.
 */
public final class OodMethods {
    public static final String NERO = "nero";
    /** Every method, as users type it. */
    public static final String ALL = "all";

    /** What a method needs beyond the logits of the image it scores. */
    public enum Needs {
        LOGITS("logits"),
        INPUT_GRADIENTS("input gradients (one extra forward and backward pass)"),
        HEAD_WEIGHTS("head weights"),
        TRAINING_FEATURES("training features"),
        TRAINING_RELEVANCE("training relevance");

        private final String text;

        Needs(String text) {
            this.text = text;
        }

        /** True when the method keeps statistics of the training set in the detector file. */
        public boolean training() {
            return this == TRAINING_FEATURES || this == TRAINING_RELEVANCE;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** How the factories set up a method: the model family (ReAct's clip, NECO's ViT path) and NERO's parameters. */
    public record Settings(ModelFamily family, NeroParameters nero) {
        public static Settings of(ModelFamily family) {
            return new Settings(family, NeroParameters.defaults());
        }
    }

    /** One method: key (macro and command-line name), title, paper, what it needs, and a factory of unfitted ones. */
    public record Entry(String key, String title, String paper, Needs needs, Function<Settings, OodMethod> factory) {
        public OodMethod create(Settings settings) {
            return factory.apply(settings);
        }
    }

    private static final Map<String, Entry> ENTRIES = table(
            new Entry(NERO, "NERO", "Chhetri et al., MICCAI 2025, arXiv:2506.15404", Needs.TRAINING_RELEVANCE,
                    s -> new NeroMethod(s.nero())),
            new Entry("msp", "MSP", "Hendrycks & Gimpel, ICLR 2017, arXiv:1610.02136", Needs.LOGITS, s -> new Msp()),
            new Entry("odin", "ODIN", "Liang et al., ICLR 2018, arXiv:1706.02690 (T = 100, ε = 0.0005)",
                    Needs.INPUT_GRADIENTS, s -> new OdinMethod()),
            new Entry("energy", "Energy", "Liu et al., NeurIPS 2020, arXiv:2010.03759", Needs.LOGITS, s -> new Energy()),
            new Entry("entropy", "Entropy", "predictive entropy, as in the NERO reference code (cv_uncertainty.py)",
                    Needs.LOGITS, s -> new Entropy()),
            new Entry("maxlogit", "MaxLogit", "Hendrycks et al., ICML 2022, arXiv:1911.11132", Needs.LOGITS,
                    s -> new MaxLogit()),
            new Entry("mahalanobis", "Mahalanobis",
                    "Lee et al., NeurIPS 2018, arXiv:1807.03888 (simplified, as in ViM's code)",
                    Needs.TRAINING_FEATURES, s -> new Mahalanobis()),
            new Entry("vim", "ViM", "Wang et al., CVPR 2022, arXiv:2203.10807", Needs.TRAINING_FEATURES, s -> new Vim()),
            new Entry("neco", "NECO", "Ammar et al., ICLR 2024, arXiv:2310.06823", Needs.TRAINING_FEATURES,
                    s -> new Neco(s.family() == ModelFamily.VIT, Neco.DEFAULT_DIM)),
            new Entry("react", "Energy+ReAct",
                    "Sun et al., NeurIPS 2021, arXiv:2111.12797 (fixed clip as in the NERO code)", Needs.HEAD_WEIGHTS,
                    s -> new React(s.family().reactClip())),
            new Entry("gradnorm", "GradNorm", "Huang et al., NeurIPS 2021, arXiv:2110.00218", Needs.HEAD_WEIGHTS,
                    s -> new GradNorm()),
            new Entry("knn", "KNN", "Sun et al., ICML 2022, arXiv:2204.06507", Needs.TRAINING_FEATURES,
                    s -> new Knn(Knn.DEFAULT_K)));

    private OodMethods() {
    }

    private static Map<String, Entry> table(Entry... entries) {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Entry e : entries) {
            map.put(e.key(), e);
        }
        return map;
    }

    /** Every key, NERO first. */
    public static List<String> keys() {
        return List.copyOf(ENTRIES.keySet());
    }

    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** The entry of a key; refuses an unknown key, naming the known ones. */
    public static Entry entry(String key) {
        Entry e = ENTRIES.get(key);
        if (e == null) {
            throw new InvalidInputException("unknown method '" + key + "'; known: " + String.join(", ", keys())
                    + " or " + ALL);
        }
        return e;
    }

    /** A new, unfitted method with the reference's hyperparameters for the given model family. */
    public static OodMethod create(String key, ModelFamily family) {
        return entry(key).create(Settings.of(family));
    }

    /**
     * NECO keeping {@code dim} principal components (the registry uses 100, clamped to D; with D ≤ dim every score
     * is −1 on the CNN path, so small feature spaces need a smaller dim).
     */
    public static OodMethod neco(ModelFamily family, int dim) {
        if (dim < 1) {
            throw new InvalidInputException("NECO dimension must be at least 1, got " + dim);
        }
        return new Neco(family == ModelFamily.VIT, dim);
    }

    /**
     * Methods as users type them: keys separated by commas, semicolons or spaces, any case, or {@value #ALL} for
     * every method; duplicates dropped, order kept; empty text gives an empty list.
     */
    public static List<String> parse(String text) {
        List<String> keys = new ArrayList<>();
        if (text == null) {
            return keys;
        }
        for (String part : text.split("[,;\\s]+")) {
            String key = part.trim().toLowerCase(Locale.ROOT);
            if (key.isEmpty() || keys.contains(key)) {
                continue;
            }
            if (key.equals(ALL)) {
                return keys();
            }
            if (!ENTRIES.containsKey(key)) {
                throw new InvalidInputException("unknown method '" + part.trim() + "' in '" + text.trim()
                        + "'; known: " + String.join(", ", keys()) + " or " + ALL);
            }
            keys.add(key);
        }
        return List.copyOf(keys);
    }

    /** The keys without NERO (which every job computes anyway), in order; null = none, {@value #ALL} = every one. */
    public static List<String> besidesNero(List<String> keys) {
        if (keys == null) {
            return List.of();
        }
        List<String> all = keys.contains(ALL) ? keys() : keys;
        return all.stream().filter(k -> !k.equals(NERO)).map(k -> entry(k).key()).distinct().toList();
    }

    /** NERO first, then the other keys in order. */
    public static List<String> withNeroFirst(List<String> keys) {
        List<String> out = new ArrayList<>();
        out.add(NERO);
        out.addAll(besidesNero(keys));
        return out;
    }

    /** What every method that learns from the training set learnt: NERO's detector and the others' statistics by key. */
    public record Trained(NeroDetector nero, Map<String, JsonObject> baselines) {
        public Trained {
            baselines = Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
        }
    }

    /**
     * Fits every method that learns from the training set (NERO first, with {@code settings}' parameters) on the
     * same features: what a detector file keeps. NERO's state is the detector's own; the others' go beside it.
     */
    public static Trained fitTrained(FeatureSet train, HeadWeights head, Settings settings,
            ProgressListener progress) {
        List<Entry> trained = ENTRIES.values().stream().filter(e -> e.needs().training()).toList();
        NeroDetector nero = null;
        Map<String, JsonObject> baselines = new LinkedHashMap<>();
        int done = 0;
        for (Entry entry : trained) {
            progress.checkCancelled();
            progress.progress("fitting " + entry.key(), done++, trained.size());
            OodMethod method = entry.create(settings);
            method.fit(train, head);
            if (method instanceof NeroMethod n) {
                nero = n.detector();
            } else {
                baselines.put(entry.key(), method.state());
            }
        }
        return new Trained(nero, baselines);
    }

    /**
     * A method of a fitted detector, ready to score with {@code head} (the detector's: the model's or its probe's):
     * NERO is the detector's own, a trained method is restored from the statistics the detector keeps for it
     * (refused when it holds none), a post-hoc method needs only the head.
     */
    public static OodMethod restore(String key, DetectorState detector, HeadWeights head, ModelFamily family) {
        Entry entry = entry(key);
        if (entry.key().equals(NERO)) {
            return new NeroMethod(detector.detector(head));
        }
        OodMethod method = entry.create(Settings.of(family));
        if (!entry.needs().training()) {
            method.fit(null, head);
            return method;
        }
        StoredFields stored = detector.baseline(key);
        if (stored == null) {
            throw new InvalidInputException("method '" + key + "' needs training statistics that this detector file"
                    + " does not hold; fit the detector again");
        }
        method.restore(stored, head);
        return method;
    }

    /** True when one of the keys needs {@code needs} (e.g. input gradients, computed while extracting features). */
    public static boolean anyNeeds(List<String> keys, Needs needs) {
        return keys.stream().anyMatch(k -> entry(k).needs() == needs);
    }
}
