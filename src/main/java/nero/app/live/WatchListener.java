package nero.app.live;

import ij.ImagePlus;
import nero.core.timeline.OodSegment;
import nero.view.TimelinePicture;

/**
 * Hears a watch as it runs, on the scoring thread (except {@link #pictureArrived}): keep each call short (the next
 * frame waits for it). A listener that throws ends the watch (the exception reaches {@link Watch#run}'s caller).
 */
public interface WatchListener {
    /** Once, after the source opened and the model loaded, before the first frame. */
    default void started(Watch.SourceFacts source) {
    }

    /**
     * On the reading thread, each frame handed to the model (before it is scored, or dropped), as the RGB picture
     * the model's input was made from: for a window that shows the video as it plays (draw the latest verdict over
     * it). The picture is the listener's to keep; do not change its pixels.
     */
    default void pictureArrived(long frame, double seconds, ImagePlus picture) {
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
