package nero.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import java.awt.GraphicsEnvironment;
import java.io.File;
import nero.app.live.FrameResult;
import nero.app.live.Pace;
import nero.app.live.Watch;
import nero.app.live.WatchListener;
import nero.app.live.WatchListeners;
import nero.app.live.WatchRequest;
import nero.app.live.WatchSummary;
import nero.core.InvalidInputException;
import nero.core.timeline.SegmentRules;
import nero.io.video.LiveFrameSource;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * NERO Live in Fiji: a video file, stream or capture device scored frame by frame as it plays, through
 * {@link Watch} (the engine; nothing of it here). With a screen, a window shows the video with the latest verdict
 * drawn on it, a strip chart of the score with the threshold, and a Stop button ({@link WatchWindow}); the OOD
 * segments fill a table as they end. Esc, the Stop button or cancelling the command ends the watch the way the end
 * of the source does: every file asked for is written, the segments table is complete. Headless (or in a batch-mode
 * macro) it runs as the command line does and fills the same table.
 */
@Plugin(type = Command.class, headless = true, menu = {@Menu(label = "Plugins"), @Menu(label = "NERO OOD"),
    @Menu(label = "Watch Video (live OOD)", weight = 5)})
public class WatchVideoCommand extends DetectorCommand {
    static final String REALTIME = "realtime";
    static final String FAST = "fast";

    @Parameter(label = "Video file (or leave empty and give a stream)", style = "open", required = false,
            persist = false)
    private File video;
    @Parameter(label = "Stream URL or capture device (udp://, rtsp://, srt://, /dev/video0; or a file path)",
            required = false, persist = false)
    private String stream = "";
    @Parameter(label = "Pace of a file", required = false, persist = false, choices = {REALTIME, FAST},
            description = "realtime: at its own frame rate, dropping frames when the model is behind; fast: every "
                    + "frame, as fast as the model scores (a stream always comes at its own rate)")
    private String speed = REALTIME;
    @Parameter(label = "Score every N-th frame", required = false, persist = false, min = "1")
    private int every = 1;
    @Parameter(label = "Score at most F frames per second (0 = every frame)", required = false, persist = false,
            min = "0")
    private double fps = 0;
    @Parameter(label = "Shortest OOD segment (0.4s, or frames: 10f)", required = false, persist = false)
    private String min_segment = "0.4s";
    @Parameter(label = "ID time tolerated inside a segment (0.2s, or frames: 5f)", required = false, persist = false)
    private String gap = "0.2s";
    @Parameter(label = "Stream: seconds to wait for the first data", required = false, persist = false)
    private double open_timeout = 15;
    @Parameter(label = "Stream: seconds without data before it counts as stopped", required = false, persist = false)
    private double read_timeout = 5;
    @Parameter(label = "Save one row per scored frame as CSV (optional)", style = "save", required = false,
            persist = false)
    private File csv;
    @Parameter(label = "Save the OOD segments as CSV (optional)", style = "save", required = false, persist = false)
    private File segments;
    @Parameter(label = "Save the timeline picture as PNG (optional)", style = "save", required = false,
            persist = false)
    private File timeline;

    /** The OOD segments, one row each, filled as they end; at the end the Results table and added to NERO Segments. */
    @Parameter(type = ItemIO.OUTPUT, label = ScoreTable.SEGMENTS_TITLE,
            attrs = @Attr(name = ImageJOutputs.APPENDS, value = "video,stream"))
    private ResultsTable results;
    /** The timeline at the end: score over time, threshold, segments, thumbnails. */
    @Parameter(type = ItemIO.OUTPUT, label = "Timeline")
    private ImagePlus timeline_view;
    /** The figures of the watch, for a script or the command line. */
    @Parameter(type = ItemIO.OUTPUT)
    private WatchSummary report;

    private volatile Watch watch;
    private volatile boolean stopAsked;
    private WatchListener extra;

    public WatchVideoCommand() {
        super("Scores a video file, a stream (udp://, rtsp://, srt://, http(s)://…) or a capture device frame by frame "
                + "as it plays: a window shows the video with its verdict, the score over time against the threshold, "
                + "and the OOD segments as they end (click one to see its peak frame). Esc or Stop ends it; the files "
                + "asked for are written then.");
    }

    /** Also tells {@code listener} everything the watch hears (the command line prints rows with it). */
    public void setListener(WatchListener listener) {
        extra = listener;
    }

    /** Ends the watch soon, with every file written, from any thread (Ctrl-C on the command line). */
    public void stop() {
        stopAsked = true;
        Watch w = watch;
        if (w != null) {
            w.stop();
        }
    }

    @Override
    public void run() {
        runJob(workflow -> {
            WatchRequest request = request();
            SegmentsTable table = new SegmentsTable();
            results = table.table();
            try (Watch opened = Watch.open(request)) {
                watch = opened;
                if (stopAsked) {
                    opened.stop();
                }
                WatchWindow window = showsWindow() ? WatchWindow.open(opened, table) : null;
                WatchListener listener = WatchListeners.all(table, window, new StopOnEscape(opened, this::isCanceled),
                        extra);
                WatchSummary summary = opened.run(listener);
                report = summary;
                timeline_view = summary.timeline() == null ? null : nero.view.TimelinePicture.draw(
                        summary.timeline());
                if (timeline_view != null) {
                    timeline_view.setTitle("Timeline of " + summary.source().source());
                }
                if (summary.stats().scored() == 0 && summary.end() != LiveFrameSource.End.STOPPED) {
                    throw new InvalidInputException(summary.source().source() + ": no frame was scored"
                            + (summary.endDetail() != null ? " (" + summary.endDetail() + ")" : ""));
                }
                return String.join("\n", WatchText.summary(summary, request.timelineCsv(), request.segmentsCsv(),
                        request.timelinePng()));
            } finally {
                watch = null;
            }
        });
    }

    private WatchRequest request() {
        String source = source();
        Pace pace = switch (speed == null ? REALTIME : speed.trim()) {
            case REALTIME, "" -> Pace.REALTIME;
            case FAST -> Pace.FAST;
            default -> throw new InvalidInputException("speed must be '" + REALTIME + "' or '" + FAST + "', got '"
                    + speed + "'");
        };
        SegmentRules rules = new SegmentRules(SegmentRules.Length.parse(min_segment, "min_segment"),
                SegmentRules.Length.parse(gap, "gap"));
        if (!(open_timeout > 0) || !(read_timeout > 0)) {
            throw new InvalidInputException((open_timeout > 0 ? "read_timeout" : "open_timeout")
                    + " must be positive seconds");
        }
        return new WatchRequest(detectorFile(), modelFile(), source, pace, every, fps, rules,
                new LiveFrameSource.Options(open_timeout, read_timeout), Inputs.optionalOutput(csv, "csv"),
                Inputs.optionalOutput(segments, "segments"), Inputs.optionalOutput(timeline, "timeline"));
    }

    /** The file given as {@code video}, or the text of {@code stream}: one of them. */
    private String source() {
        boolean hasVideo = video != null && !video.getPath().isBlank();
        boolean hasStream = stream != null && !stream.isBlank();
        if (hasVideo == hasStream) {
            throw new InvalidInputException(hasVideo ? "give either video (a file) or stream (a URL or capture"
                    + " device), not both" : "video is required: give a video file, or a stream URL or capture"
                    + " device as stream");
        }
        if (hasVideo) {
            return Inputs.existingFile(video, "video").toString();
        }
        return stream.strip();
    }

    /** A window when someone can see it: a screen, ImageJ's window, and no batch-mode macro. */
    private static boolean showsWindow() {
        return !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null && !Interpreter.isBatchMode();
    }

    /** Ends the watch on Esc in ImageJ or when the command is cancelled, checked at every scored frame. */
    private record StopOnEscape(Watch watch, java.util.function.BooleanSupplier cancelled) implements WatchListener {
        @Override
        public void frameScored(FrameResult result) {
            check();
        }

        @Override
        public void progress(nero.app.live.WatchStats stats) {
            check();
        }

        private void check() {
            if (IJ.escapePressed() || cancelled.getAsBoolean()) {
                watch.stop();
            }
        }
    }
}
