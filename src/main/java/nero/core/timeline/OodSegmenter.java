package nero.core.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds OOD segments in scored frames as they come (in time order; frames may be missing: skipped, dropped or
 * damaged). Each frame lasts one {@code framePeriod}; two OOD frames at t1 &lt; t2 belong to one segment when the
 * time between them, {@code t2 − t1 − framePeriod}, is at most the gap tolerance. A segment is closed as soon as a
 * later frame shows that no OOD frame can join it any more (an ID frame more than the tolerance after the last OOD
 * frame), and kept when it lasts at least the minimum length.
 */
public final class OodSegmenter {
    private static final double EPSILON = 1e-9;
    private final double period;
    private final double minSeconds;
    private final double gapSeconds;
    private final Consumer<OodSegment> closed;
    private final List<OodSegment> segments = new ArrayList<>();
    private int blips;
    private boolean open;
    private long startFrame;
    private double startSeconds;
    private long lastFrame;
    private double lastSeconds;
    private double peakScore;
    private long peakFrame;
    private double peakSeconds;
    private int oodFrames;

    /** {@code closed} hears of each segment kept, when it closes (may be null). */
    public OodSegmenter(SegmentRules rules, double framePeriod, Consumer<OodSegment> closed) {
        if (!(framePeriod > 0) || Double.isInfinite(framePeriod)) {
            throw new IllegalArgumentException("frame period must be positive seconds, got " + framePeriod);
        }
        this.period = framePeriod;
        this.minSeconds = rules.minLength().seconds(framePeriod);
        this.gapSeconds = rules.maxGap().seconds(framePeriod);
        this.closed = closed;
    }

    /**
     * One scored frame. Returns true when it is the new peak of the open segment (so a caller can keep its
     * picture); a segment that this frame closes has been reported before.
     */
    public boolean accept(long frame, double seconds, double score, boolean ood) {
        // an OOD frame joins when its gap is tolerated; an ID frame at t means the next OOD frame comes one period
        // later at the earliest, so the segment can be closed as soon as that could no longer join
        double gap = seconds - lastSeconds - (ood ? period : 0);
        if (open && gap > gapSeconds + EPSILON) {
            close(false);
        }
        if (!ood) {
            return false;
        }
        if (!open) {
            open = true;
            startFrame = frame;
            startSeconds = seconds;
            oodFrames = 0;
            peakScore = Double.NEGATIVE_INFINITY;
        }
        lastFrame = frame;
        lastSeconds = seconds;
        oodFrames++;
        if (score > peakScore) {
            peakScore = score;
            peakFrame = frame;
            peakSeconds = seconds;
            return true;
        }
        return false;
    }

    /** The source ended: a segment still open is closed (and marked so). */
    public void finish() {
        if (open) {
            close(true);
        }
    }

    private void close(boolean atEnd) {
        open = false;
        double end = lastSeconds + period;
        if (end - startSeconds + EPSILON < minSeconds) {
            blips++;
            return;
        }
        OodSegment s = new OodSegment(segments.size() + 1, startFrame, startSeconds, lastFrame, end, peakScore,
                peakFrame, peakSeconds, oodFrames, atEnd);
        segments.add(s);
        if (closed != null) {
            closed.accept(s);
        }
    }

    /** Whether a segment is open (its frames so far may still turn out to be a blip). */
    public boolean isOpen() {
        return open;
    }

    /** The segments kept so far, in time order. */
    public List<OodSegment> segments() {
        return List.copyOf(segments);
    }

    /** OOD runs dropped as shorter than the minimum length. */
    public int blips() {
        return blips;
    }

    /** Segments found in a whole series at once (frames in time order). */
    public static List<OodSegment> find(long[] frames, double[] seconds, double[] scores, boolean[] ood,
            SegmentRules rules, double framePeriod) {
        OodSegmenter s = new OodSegmenter(rules, framePeriod, null);
        for (int i = 0; i < frames.length; i++) {
            s.accept(frames[i], seconds[i], scores[i], ood[i]);
        }
        s.finish();
        return s.segments();
    }
}
