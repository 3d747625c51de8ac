package nero.app.live;

import java.nio.file.Path;
import nero.core.InvalidInputException;
import nero.core.timeline.SegmentRules;
import nero.io.video.LiveFrameSource;

/**
 * What to watch and how. {@code source}: a video file, a stream URL or a capture device ({@link
 * nero.io.video.StreamAddress}); {@code model} null = the detector's; {@code pace} null = real time for a file
 * ({@link Pace}); {@code every} &gt; 1 scores every N-th frame, {@code fps} &gt; 0 at most F frames per second of the
 * stream (0 = every frame); {@code timeouts} for streams and devices; the outputs (null = not written):
 * {@code timelineCsv} one row per scored frame, {@code segmentsCsv} one row per OOD segment, {@code timelinePng}
 * the picture.
 */
public record WatchRequest(Path detector, Path model, String source, Pace pace, int every, double fps,
        SegmentRules segments, LiveFrameSource.Options timeouts, Path timelineCsv, Path segmentsCsv,
        Path timelinePng) {
    public WatchRequest {
        if (every < 1) {
            throw new InvalidInputException("every must be 1 or more frames, got " + every);
        }
        if (!(fps >= 0) || Double.isInfinite(fps)) {
            throw new InvalidInputException("fps must be a positive number of frames per second (or 0 for every"
                    + " frame), got " + fps);
        }
        if (every > 1 && fps > 0) {
            throw new InvalidInputException("choose one of every (every N-th frame) and fps (frames per second)");
        }
        segments = segments == null ? SegmentRules.defaults() : segments;
        timeouts = timeouts == null ? LiveFrameSource.Options.defaults() : timeouts;
    }

    /** A request with the defaults: real time, every frame, default segments and time-outs, no files. */
    public static WatchRequest of(Path detector, String source) {
        return new WatchRequest(detector, null, source, null, 1, 0, null, null, null, null, null);
    }
}
