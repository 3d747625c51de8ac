package nero.io.video;

import nero.core.InvalidInputException;

/**
 * Which stills to take from a video: every {@code frameStep}-th frame, one still every {@code secondsStep} seconds,
 * or every frame. Exactly one rule applies: {@code everyFrame} wins, then a positive {@code frameStep}, then
 * {@code secondsStep}.
 */
public record FrameSampling(int frameStep, double secondsStep, boolean everyFrame) {
    public FrameSampling {
        if (!everyFrame && frameStep <= 0 && !(secondsStep > 0 && Double.isFinite(secondsStep))) {
            throw new InvalidInputException("frame sampling needs a positive frame step or a positive, finite seconds"
                    + " step, got frameStep=" + frameStep + ", secondsStep=" + secondsStep);
        }
    }

    /** Every n-th frame, starting with the first. */
    public static FrameSampling every(int n) {
        if (n <= 0) {
            throw new InvalidInputException("frame step must be at least 1, got " + n);
        }
        return n == 1 ? new FrameSampling(1, 0, true) : new FrameSampling(n, 0, false);
    }

    /** One still every {@code s} seconds: the first frame at or after 0, s, 2s, … */
    public static FrameSampling seconds(double s) {
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new InvalidInputException("seconds step must be positive and finite, got " + s);
        }
        return new FrameSampling(0, s, false);
    }

    /** One still per second. */
    public static FrameSampling defaults() {
        return seconds(1.0);
    }

    /**
     * A step as users type it: "2s" / "0.5s" (seconds between stills), "25f" (every 25th frame), "all" (every
     * frame); empty or null = {@link #defaults()}. {@code key} names the option in the message.
     */
    public static FrameSampling parse(String text, String key) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.isEmpty()) {
                return defaults();
            }
            if (t.equals("all")) {
                return every(1);
            }
            if (t.endsWith("f")) {
                return every(Integer.parseInt(t.substring(0, t.length() - 1).trim()));
            }
            String secondsText = t.endsWith("s") ? t.substring(0, t.length() - 1) : t;
            return seconds(Double.parseDouble(secondsText.trim()));
        } catch (IllegalArgumentException | InvalidInputException e) {
            throw new InvalidInputException(key + ": '" + text + "' is not a video step; use e.g. 2s (seconds), "
                    + "25f (frames) or all");
        }
    }

    /** A stateful selector for one pass over a video (frames in display order). */
    Selector selector() {
        return new Selector(this);
    }

    private static final double TOLERANCE_S = 1e-6;

    /**
     * The first multiple of {@code step} after {@code now}, computed, not counted up to: counting in steps of
     * 1e-300 s (or of any step below the rounding unit of {@code now}) never ends. When the multiple is not
     * representable, the next double after {@code now} is used (every later frame is then taken).
     */
    static double nextBoundaryAfter(double now, double step) {
        double next = (Math.floor(now / step) + 1) * step;
        return next > now && Double.isFinite(next) ? next : Math.nextUp(now);
    }

    static final class Selector {
        private final FrameSampling sampling;
        private double nextTime;
        private long nextIndex;

        private Selector(FrameSampling sampling) {
            this.sampling = sampling;
        }

        /** Whether the frame with 0-based display index {@code index} at {@code seconds} is taken. */
        boolean take(long index, double seconds) {
            if (sampling.everyFrame) {
                return true;
            }
            if (sampling.frameStep > 0) {
                if (index % sampling.frameStep == 0) {
                    nextIndex = index + sampling.frameStep;
                    return true;
                }
                return false;
            }
            // A small tolerance so that 25 fps × 0.04 s steps do not drift past a boundary by rounding.
            double now = seconds + TOLERANCE_S;
            if (now >= nextTime) {
                nextTime = nextBoundaryAfter(now, sampling.secondsStep);
                return true;
            }
            return false;
        }

        /** Time of the next still after the last one taken, or NaN when it is given by frame index (or every frame). */
        double nextSeconds() {
            return sampling.everyFrame || sampling.frameStep > 0 ? Double.NaN : nextTime;
        }

        /** 0-based display index of the next still after the last one taken, or −1 when it is given by time. */
        long nextIndex() {
            return sampling.everyFrame || sampling.frameStep <= 0 ? -1 : nextIndex;
        }
    }
}
