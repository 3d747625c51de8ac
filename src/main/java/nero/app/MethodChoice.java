package nero.app;

import java.util.ArrayList;
import java.util.List;
import nero.core.methods.OodMethods;

/** Method lists as users type them ("msp,energy", "all", ""), validated against the registry. */
final class MethodChoice {
    static final String NERO = "nero";

    private MethodChoice() {
    }

    /** The methods to add beside NERO, in the user's order, without duplicates and without NERO itself. */
    static List<String> extras(List<String> requested) {
        List<String> out = new ArrayList<>();
        for (String key : parse(requested)) {
            if (!key.equals(NERO) && !out.contains(key)) {
                out.add(key);
            }
        }
        return out;
    }

    /** NERO first, then the other requested methods. */
    static List<String> withNero(List<String> requested) {
        List<String> out = new ArrayList<>();
        out.add(NERO);
        out.addAll(extras(requested));
        return out;
    }

    private static List<String> parse(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        return OodMethods.parse(String.join(",", requested));
    }
}
