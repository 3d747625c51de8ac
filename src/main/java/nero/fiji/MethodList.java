package nero.fiji;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nero.core.InvalidInputException;

/**
 * Parses the {@code methods} macro key: a comma-separated list of method keys, or {@code all}. SciJava does not
 * enforce {@code choices}, so the commands validate here and name the unknown key and the known ones.
 */
public final class MethodList {
    /** Keys of the core registry: NERO, the paper's baselines and KNN. */
    public static final List<String> KNOWN = List.of("nero", "msp", "odin", "energy", "entropy", "maxlogit",
            "mahalanobis", "vim", "neco", "react", "gradnorm", "knn");
    public static final String ALL = "all";
    /** The dialog's "no extra method" choice. */
    public static final String NONE = "none";

    private MethodList() {
    }

    /** Methods to score beside NERO: "" → none, "all" → every other method; "nero" itself is dropped. */
    public static List<String> extraMethods(String text) {
        List<String> keys = parse(text);
        if (keys.contains(ALL)) {
            keys = new ArrayList<>(KNOWN);
        }
        keys.remove("nero");
        return List.copyOf(keys);
    }

    /** Methods to evaluate: "" → NERO alone, "all" stays "all" (the workflow expands it), else the keys given. */
    public static List<String> evaluatedMethods(String text) {
        List<String> keys = parse(text);
        if (keys.contains(ALL)) {
            return List.of(ALL);
        }
        return keys.isEmpty() ? List.of("nero") : List.copyOf(keys);
    }

    static List<String> parse(String text) {
        List<String> keys = new ArrayList<>();
        if (text == null) {
            return keys;
        }
        for (String part : text.split("[,;\\s]+")) {
            String key = part.trim().toLowerCase(Locale.ROOT);
            if (key.isEmpty() || key.equals(NONE) || keys.contains(key)) {
                continue;
            }
            if (!key.equals(ALL) && !KNOWN.contains(key)) {
                throw new InvalidInputException("unknown method '" + part.trim() + "' in methods=" + text
                        + "; known: " + String.join(", ", KNOWN) + " or all");
            }
            keys.add(key);
        }
        return keys;
    }
}
