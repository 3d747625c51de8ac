package nero.core.methods;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nero.core.InvalidInputException;
import nero.core.NeroParameters;

/** Registry of OOD methods by key, so commands and macros choose them by name. */
public final class OodMethods {
    private static final List<String> KEYS = List.of("nero", "msp", "odin", "energy", "entropy", "maxlogit",
            "mahalanobis", "vim", "neco", "react", "gradnorm", "knn");

    private OodMethods() {
    }

    public static List<String> keys() {
        return KEYS;
    }

    /** A new, unfitted method with the reference's hyperparameters for the given model family. */
    public static OodMethod create(String key, ModelFamily family) {
        String k = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case "nero": return new NeroMethod(NeroParameters.defaults());
            case "msp": return new Msp();
            case "odin": return new OdinMethod();
            case "energy": return new Energy();
            case "entropy": return new Entropy();
            case "maxlogit": return new MaxLogit();
            case "mahalanobis": return new Mahalanobis();
            case "vim": return new Vim();
            case "neco": return new Neco(family == ModelFamily.VIT, Neco.DEFAULT_DIM);
            case "react": return new React(family.reactClip());
            case "gradnorm": return new GradNorm();
            case "knn": return new Knn(Knn.DEFAULT_K);
            default:
                throw new InvalidInputException("unknown OOD method '" + key + "'; valid methods: "
                        + String.join(", ", KEYS) + " (or 'all')");
        }
    }

    /** NERO with custom parameters, through the registry interface. */
    public static OodMethod nero(NeroParameters parameters) {
        return new NeroMethod(parameters);
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

    /** KNN with a custom k. */
    public static OodMethod knn(int k) {
        return new Knn(k);
    }

    /** "all" → every key; otherwise a comma list, validated, duplicates removed, order kept. */
    public static List<String> parse(String commaListOrAll) {
        if (commaListOrAll == null || commaListOrAll.isBlank()) {
            throw new InvalidInputException("no OOD method given; valid methods: " + String.join(", ", KEYS)
                    + " (or 'all')");
        }
        if (commaListOrAll.trim().equalsIgnoreCase("all")) {
            return KEYS;
        }
        List<String> out = new ArrayList<>();
        for (String part : commaListOrAll.split(",")) {
            String k = part.trim().toLowerCase(Locale.ROOT);
            if (k.isEmpty()) {
                continue;
            }
            if (!KEYS.contains(k)) {
                throw new InvalidInputException("unknown OOD method '" + part.trim() + "'; valid methods: "
                        + String.join(", ", KEYS) + " (or 'all')");
            }
            if (!out.contains(k)) {
                out.add(k);
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("no OOD method given in '" + commaListOrAll + "'");
        }
        return List.copyOf(out);
    }
}
