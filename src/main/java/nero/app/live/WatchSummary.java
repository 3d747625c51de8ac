package nero.app.live;

import java.util.List;
import nero.core.timeline.OodSegment;
import nero.io.video.LiveFrameSource;
import nero.view.TimelinePicture;

/**
 * How a watch ended and what it saw. {@code end}: the source finished, was stopped, timed out (sent nothing for the
 * read time-out) or failed; {@code endDetail} says what happened and where (null when it simply finished or was
 * stopped). Latencies in milliseconds (NaN when nothing was scored). {@code blips}: OOD runs shorter than the
 * minimum segment length.
 */
public record WatchSummary(Watch.SourceFacts source, LiveFrameSource.End end, String endDetail, WatchStats stats,
        double latencyP95Ms, double latencyP99Ms, List<OodSegment> segments, int blips,
        TimelinePicture.Data timeline) {

    /** The source stopped on its own before a clean end (a time-out or a read failure) after frames were scored. */
    public boolean stoppedMidway() {
        return end == LiveFrameSource.End.TIMED_OUT || end == LiveFrameSource.End.FAILED;
    }
}
