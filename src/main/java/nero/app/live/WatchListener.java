package nero.app.live;

import nero.core.timeline.OodSegment;
import nero.view.TimelinePicture;

/**
 * Hears a watch as it runs, on the scoring thread: keep each call short (the next frame waits for it). A listener
 * that throws ends the watch (the exception reaches {@link Watch#run}'s caller).
 */
public interface WatchListener {
    /** Once, after the source opened and the model loaded, before the first frame. */
    default void started(Watch.SourceFacts source) {
    }

    /** Every scored frame, in stream order. */
    default void frameScored(FrameResult result) {
    }

    /** A frame that could not be scored (damaged data, or model outputs NERO cannot score): why. */
    default void frameSkipped(long frame, double seconds, String reason) {
    }

    /**
     * An OOD segment that has ended, with the model's input picture of its peak frame (null when the pipeline
     * keeps no pictures); a segment still open when the source ends comes just before {@link #finished}, marked
     * {@link OodSegment#openAtEnd()}.
     */
    default void segmentEnded(OodSegment segment, TimelinePicture.Thumbnail peakPicture) {
    }

    /** About once a second of wall-clock time. */
    default void progress(WatchStats stats) {
    }

    /** Once at the end (also after a stop): the figures and the timeline. */
    default void finished(WatchSummary summary) {
    }
}
