package nero.core.timeline;

import java.util.Locale;
import nero.core.InvalidInputException;

/**
 * When OOD frames make a segment. {@code minLength}: a run shorter than this is a blip, not a segment.
 * {@code maxGap}: ID (or unscored) time between two OOD frames that still leaves them in one segment. Lengths in
 * seconds or in frames ("0.4s", "10f"); frames count at the stream's frame rate.
 */
public record SegmentRules(Length minLength, Length maxGap) {
    /** At 25 fps: 10 frames make a segment, and up to 5 frames of ID inside one are tolerated. */
    public static SegmentRules defaults() {
        return new SegmentRules(Length.parse("0.4s", "minimum segment length"), Length.parse("0.2s", "gap tolerance"));
    }

    /** A length in seconds or frames. */
    public record Length(double value, boolean frames) {
        public Length {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new InvalidInputException("a length must be 0 or more seconds or frames, got " + value);
            }
        }

        /** "0.4s", "0.4", "10f" (frames); {@code what} names the option in the message. */
        public static Length parse(String text, String what) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            boolean frames = t.endsWith("f");
            String number = frames || t.endsWith("s") ? t.substring(0, t.length() - 1).strip() : t;
            try {
                double v = Double.parseDouble(number);
                if (v >= 0 && !Double.isInfinite(v) && (!frames || v == Math.rint(v))) {
                    return new Length(v, frames);
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new InvalidInputException(what + " must be seconds (0.4s) or whole frames (10f), got '" + text + "'");
        }

        /** In seconds, for frames of {@code framePeriod} seconds. */
        public double seconds(double framePeriod) {
            return frames ? value * framePeriod : value;
        }

        @Override
        public String toString() {
            String v = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
            return v + (frames ? "f" : "s");
        }
    }
}
