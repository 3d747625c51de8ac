package nero.fiji;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scijava.ItemVisibility;
import org.scijava.module.ModuleInfo;
import org.scijava.module.ModuleItem;

/**
 * The keys of a macro line ({@code run("Score Images", "detector=[…] input=…")}) checked against a command's fields
 * before anything runs: a key the command does not have (a typo: {@code detectr=…}) or a required key the line leaves
 * out is refused with one message naming it and listing the valid keys. Without this, ImageJ ignores an unknown key
 * and Fiji asks for a missing file with an untitled chooser (headless: cancels without a word), and the next line of
 * the macro reads the previous run's table. Used by Fiji ({@link MacroDefaults}) and the plain ImageJ 1 shims.
 */
public final class MacroKeys {
    private MacroKeys() {
    }

    /** The keys a macro line gives, in order: {@code key=value}, {@code key=[value with spaces]} or a bare flag. */
    public static List<String> keys(String options) {
        List<String> keys = new ArrayList<>();
        if (options == null) {
            return keys;
        }
        int i = 0;
        int n = options.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(options.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && options.charAt(i) != '=' && !Character.isWhitespace(options.charAt(i))) {
                i++;
            }
            if (i > start) {
                keys.add(options.substring(start, i));
            }
            if (i < n && options.charAt(i) == '=') {
                i++;
                if (i < n && options.charAt(i) == '[') {
                    int close = options.indexOf(']', i);
                    i = close < 0 ? n : close + 1;
                } else {
                    while (i < n && !Character.isWhitespace(options.charAt(i))) {
                        i++;
                    }
                }
            }
        }
        return keys;
    }

    /** The keys a macro may give this command: the values a person types or picks in its dialog. */
    public static List<String> valid(ModuleInfo info) {
        List<String> keys = new ArrayList<>();
        for (ModuleItem<?> item : info.inputs()) {
            if (isTypedIn(item)) {
                keys.add(item.getName());
            }
        }
        return keys;
    }

    /** The required keys among {@link #valid}. */
    static List<String> required(ModuleInfo info) {
        List<String> keys = new ArrayList<>();
        for (ModuleItem<?> item : info.inputs()) {
            if (isTypedIn(item) && item.isRequired()) {
                keys.add(item.getName());
            }
        }
        return keys;
    }

    /**
     * Null when the macro line's keys suit the command, else the one message to show: the first unknown key (with
     * the nearest valid one when it looks like a typo), or the first required key left out; always with the valid
     * keys. ImageJ reads keys case-sensitively, so {@code Detector=} is unknown too.
     */
    public static String problem(ModuleInfo info, String options) {
        List<String> valid = valid(info);
        List<String> given = keys(options);
        String command = info.getTitle() != null ? info.getTitle() : info.getDelegateClassName();
        String list = " (valid keys: " + String.join(", ", valid) + ")";
        for (String key : given) {
            if (!valid.contains(key)) {
                String near = nearest(key, valid);
                return command + ": unknown key '" + key + "'" + (near == null ? "" : ", did you mean '" + near + "'?")
                        + list;
            }
        }
        for (String key : required(info)) {
            if (!given.contains(key)) {
                return command + ": missing key '" + key + "' (" + shortLabel(info.getInput(key)) + ")" + list;
            }
        }
        return null;
    }

    /** Values a person types or chooses; the current image, services, buttons and help texts are no macro keys. */
    static boolean isTypedIn(ModuleItem<?> item) {
        if (item.getVisibility() == ItemVisibility.MESSAGE || item.getVisibility() == ItemVisibility.INVISIBLE) {
            return false;
        }
        Class<?> type = item.getType();
        return type == String.class || type == File.class || type.isPrimitive() || Number.class.isAssignableFrom(type)
                || type == Boolean.class;
    }

    /** A field's label without its parenthesised hints: "Model (optional; …)" → "Model". */
    static String shortLabel(ModuleItem<?> item) {
        String label = item.getLabel() == null || item.getLabel().isBlank() ? item.getName() : item.getLabel();
        int paren = label.indexOf(" (");
        return paren > 0 ? label.substring(0, paren) : label;
    }

    /** Field name → short label, for messages shown to someone who filled in the dialog. */
    static Map<String, String> labels(ModuleInfo info) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (ModuleItem<?> item : info.inputs()) {
            if (isTypedIn(item)) {
                labels.put(item.getName(), shortLabel(item));
            }
        }
        return labels;
    }

    /** The valid key within two edits of {@code key} (ignoring case), or null. */
    private static String nearest(String key, List<String> valid) {
        String best = null;
        int bestDistance = 3;
        for (String v : valid) {
            int d = distance(key.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = v;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
