package nero.io.video;

import java.util.Arrays;

/**
 * Display times of a video's frames as stated outside its stream: a DICOM object's Frame Time, Frame Time Vector or
 * Cine Rate. They replace the stream's own time stamps, which an elementary stream does not have (FFmpeg then
 * assumes 25 frames per second) and which the object's attributes overrule. Frame 0 is at 0 s.
 */
public final class FrameTimes {
    private final double secondsPerFrame;
    private final double[] times;
    private final String source;

    private FrameTimes(double secondsPerFrame, double[] times, String source) {
        this.secondsPerFrame = secondsPerFrame;
        this.times = times;
        this.source = source;
    }

    /** Frame i at i × {@code secondsPerFrame}. */
    public static FrameTimes constant(double secondsPerFrame, String source) {
        if (!(secondsPerFrame > 0) || !Double.isFinite(secondsPerFrame)) {
            throw new IllegalArgumentException("seconds per frame must be positive and finite, got " + secondsPerFrame);
        }
        return new FrameTimes(secondsPerFrame, null, source);
    }

    /**
     * Frame i at the sum of increments 1..i (the first increment, 0 by definition, is not used); frames beyond the
     * list continue at the last increment.
     */
    public static FrameTimes ofIncrements(double[] incrementsSeconds, String source) {
        if (incrementsSeconds.length == 0) {
            throw new IllegalArgumentException("no increments");
        }
        double[] t = new double[incrementsSeconds.length];
        for (int i = 1; i < t.length; i++) {
            double step = incrementsSeconds[i];
            if (!(step >= 0) || !Double.isFinite(step)) {
                throw new IllegalArgumentException("increment " + (i + 1) + " is " + step + " (must be finite and >= 0)");
            }
            t[i] = t[i - 1] + step;
        }
        double last = t.length > 1 ? incrementsSeconds[t.length - 1] : 0;
        return new FrameTimes(last, t, source);
    }

    /** Display time of the frame with 0-based index {@code index}. */
    public double seconds(long index) {
        if (times == null) {
            return index * secondsPerFrame;
        }
        if (index < times.length) {
            return times[(int) index];
        }
        return times[times.length - 1] + (index - times.length + 1) * secondsPerFrame;
    }

    /** The smallest index whose time is at or after {@code seconds} (a tolerance of 1 µs for rounding). */
    public long firstIndexAtOrAfter(double seconds) {
        double s = seconds - 1e-6;
        if (times == null) {
            return Math.max(0, (long) Math.ceil(s / secondsPerFrame));
        }
        if (s <= times[times.length - 1]) {
            int i = Arrays.binarySearch(times, s);
            return i >= 0 ? i : -i - 1;
        }
        if (!(secondsPerFrame > 0)) {
            return times.length; // the listed frames end there
        }
        return times.length - 1 + (long) Math.ceil((s - times[times.length - 1]) / secondsPerFrame);
    }

    /** Where the times come from, e.g. "Frame Time (0018,1063) = 40 ms". */
    public String source() {
        return source;
    }
}
