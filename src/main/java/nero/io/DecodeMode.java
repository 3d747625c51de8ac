package nero.io;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import nero.core.InvalidInputException;

/**
 * How a file's pixels are decoded for a model ({@code nero.io.image.ModelInput}): {@code REDUCED}, a large JPEG at
 * reduced DCT size (faster; features about 1 % from Pillow's), or {@code EXACT}, every image at full size (Pillow's
 * pixels). A detector records the mode it was fitted with, and every way of scoring with it (the command line, Fiji,
 * Spark) decodes that way; {@code -Dnero.decode=exact|reduced} chooses the mode of a new fit (and of a detector from
 * before the mode was recorded).
 */
public enum DecodeMode {
    REDUCED, EXACT;

    /** {@code -Dnero.decode=exact} (Pillow-identical, slower) or {@code reduced} (the default). */
    public static final String PROPERTY = "nero.decode";
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    /** The word in the detector file and on the command line: "reduced" or "exact". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode {@code -Dnero.decode} sets (reduced unless it says exact; a typo is named once on stderr). */
    public static DecodeMode configured() {
        String mode = System.getProperty(PROPERTY, "reduced").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("exact") && !mode.equals("reduced") && WARNED.compareAndSet(false, true)) {
            System.err.println("NERO: -D" + PROPERTY + "=" + System.getProperty(PROPERTY)
                    + " is neither 'exact' nor 'reduced'; decoding reduced (the default)");
        }
        return mode.equals("exact") ? EXACT : REDUCED;
    }

    /** A recorded mode; null or absent (a detector from before the mode was recorded) is {@link #configured()}. */
    public static DecodeMode recorded(String key) {
        if (key == null || key.isBlank()) {
            return configured();
        }
        for (DecodeMode m : values()) {
            if (m.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new InvalidInputException("unknown decode mode '" + key + "' (expected 'reduced' or 'exact')");
    }
}
