package nero.app.live;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nero.app.FrameScorer;
import nero.app.OutputChecks;
import nero.core.InvalidInputException;
import nero.io.video.LiveFrameSource;
import nero.io.video.StreamAddress;

/**
 * NERO Live: one video file, stream or capture device scored frame by frame as it plays. {@link #open} loads the
 * detector and its model and opens the source (every problem is an {@link InvalidInputException} naming it);
 * {@link #run} scores until the source ends or {@link #stop()} is called (from any thread: a Stop button, Esc, a
 * shutdown hook) and writes the requested files completely before it returns. The shells only show what the
 * {@link WatchListener} hears.
 */
public final class Watch implements AutoCloseable {
    /**
     * The source as opened and how it is played: {@code dropsWhenBehind} is true for a stream, a device or a file
     * replayed in real time (frames that come while the model is busy are dropped), false for {@link Pace#FAST}.
     */
    public record SourceFacts(String source, StreamAddress.Kind kind, String container, String codec, int width,
            int height, double fps, Pace pace, boolean dropsWhenBehind, double threshold) {
    }

    private final WatchRequest request;
    private final FrameScorer scorer;
    private final LiveFrameSource source;
    private final SourceFacts facts;
    private final FramePipeline pipeline;

    private Watch(WatchRequest request, FrameScorer scorer, LiveFrameSource source, Pace pace) {
        this.request = request;
        this.scorer = scorer;
        this.source = source;
        LiveFrameSource.Info info = source.info();
        boolean file = info.kind() == StreamAddress.Kind.FILE;
        boolean drops = !(file && pace == Pace.FAST);
        this.facts = new SourceFacts(info.source(), info.kind(), info.container(), info.codec(), info.width(),
                info.height(), info.fps(), file ? pace : null, drops, scorer.threshold());
        FrameSelection selection = new FrameSelection(request.every(), request.fps());
        this.pipeline = new FramePipeline(FrameFeed.of(source), FrameModel.of(scorer), Clock.SYSTEM,
                new FramePipeline.Settings(info.source(), file && pace == Pace.REALTIME, drops, selection,
                        request.segments(), selection.period(info.fps()), 48));
    }

    /** Checks the outputs, loads the detector with its model, opens the source. */
    public static Watch open(WatchRequest r) {
        StreamAddress address = StreamAddress.parse(r.source());
        Pace pace = r.pace() == null ? Pace.REALTIME : r.pace();
        if (pace == Pace.FAST && !address.isFile()) {
            throw new InvalidInputException(address.shown() + ": a stream or capture device comes at its own rate;"
                    + " fast (as fast as the model scores) is for files");
        }
        Map<String, Path> outputs = new LinkedHashMap<>();
        outputs.put("timeline table", r.timelineCsv());
        outputs.put("segments table", r.segmentsCsv());
        outputs.put("timeline picture", r.timelinePng());
        Path sourceFile = address.isFile() ? address.file() : null;
        OutputChecks.files(outputs, r.detector(), r.model(), sourceFile);
        FrameScorer scorer = FrameScorer.open(r.detector(), r.model());
        try {
            OutputChecks.files(outputs, scorer.modelFiles());
            // the source last: a stream opened before a slow model load would have seconds of frames waiting
            LiveFrameSource source = LiveFrameSource.open(address, r.timeouts());
            return new Watch(r, scorer, source, pace);
        } catch (RuntimeException e) {
            scorer.close();
            throw e;
        }
    }

    public SourceFacts source() {
        return facts;
    }

    /**
     * Scores until the source ends or {@link #stop()}; the listener hears every frame on this thread. The
     * requested files are complete when this returns (and none is left half-written when it throws).
     */
    public WatchSummary run(WatchListener listener) {
        try (WatchFiles files = new WatchFiles(request.timelineCsv(), request.segmentsCsv(), request.timelinePng())) {
            return pipeline.run(facts, WatchListeners.both(files, listener));
        }
    }

    /** Ends the watch soon: {@link #run} returns with what was scored so far. Any thread, any time. */
    public void stop() {
        pipeline.stop();
    }

    /** Frees the source and the model; call it after {@link #run} returned (a stop first, from another thread). */
    @Override
    public void close() {
        source.close();
        scorer.close();
    }
}
