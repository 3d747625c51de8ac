package nero.io.video;

import java.util.Comparator;
import java.util.PriorityQueue;
import org.jcodec.common.model.Picture;

/**
 * Puts pictures that a decoder returns in decode order (B-frames come after the frames they refer to) back into
 * display order by their presentation time stamps. A picture leaves once more than {@code depth} later-decoded
 * pictures wait behind it, so memory stays at depth + 1 pictures. A stream that reorders deeper than that is refused
 * rather than played out of order.
 */
final class DisplayOrder {
    /** Part of the message of the exception thrown when the stream reorders deeper than the window. */
    static final String TOO_DEEP = "frames out of display order";

    private final int depth;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(Comparator.comparingLong(Entry::pts));
    private long lastPts;
    private boolean emitted;

    record Entry(long pts, Picture picture) {
    }

    DisplayOrder(int depth) {
        this.depth = Math.max(0, depth);
    }

    void add(long pts, Picture picture) {
        queue.add(new Entry(pts, picture));
    }

    /** True when the earliest waiting picture can be let out (more than depth pictures wait). */
    boolean ready() {
        return queue.size() > depth;
    }

    /** The waiting picture with the smallest time stamp, or null when none waits. */
    Entry poll() {
        Entry e = queue.poll();
        if (e == null) {
            return null;
        }
        if (emitted && e.pts < lastPts) {
            throw new IllegalStateException(TOO_DEEP + ": the stream reorders B-frames deeper than " + depth
                    + " frames");
        }
        emitted = true;
        lastPts = e.pts;
        return e;
    }
}
