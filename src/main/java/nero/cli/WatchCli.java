package nero.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nero.app.live.FrameResult;
import nero.app.live.Pace;
import nero.app.live.TimelineTables;
import nero.app.live.Watch;
import nero.app.live.WatchListener;
import nero.app.live.WatchRequest;
import nero.app.live.WatchStats;
import nero.app.live.WatchSummary;
import nero.core.InvalidInputException;
import nero.core.timeline.OodSegment;
import nero.core.timeline.SegmentRules;
import nero.io.table.CsvTables;
import nero.io.video.LiveFrameSource;
import nero.view.TimelinePicture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Score a video file, stream (udp://, rtp://, rtsp://, srt://, http(s)://…) or capture device "
                + "(/dev/video0) frame by frame as it plays: one CSV row per scored frame on standard output as it "
                + "comes, OOD segments and a summary on standard error. Ctrl-C stops it with every file complete.")
final class WatchCli implements Callable<Integer> {
    @Option(names = "--detector", required = true, paramLabel = "FILE", description = "detector file written by fit")
    Path detector;
    @Option(names = "--model", paramLabel = "FILE", description = "classifier (default: the one the detector was fitted with)")
    Path model;
    @Option(names = "--out", paramLabel = "CSV", description = "also write the rows (one per scored frame) to this CSV file")
    Path out;
    @Option(names = "--segments", paramLabel = "CSV", description = "write the OOD segments to this CSV file at the end")
    Path segments;
    @Option(names = "--timeline", paramLabel = "PNG", description = "draw the timeline (score, threshold, segments, "
            + "thumbnails) into this PNG at the end")
    Path timeline;
    @ArgGroup(exclusive = true)
    Speed speed;
    @Option(names = "--every", defaultValue = "1", paramLabel = "N", description = "score every N-th frame (default: every frame)")
    int every;
    @Option(names = "--fps", defaultValue = "0", paramLabel = "F", description = "score at most F frames per second of the stream")
    double fps;
    @Option(names = "--min-segment", defaultValue = "0.4s", paramLabel = "LENGTH",
            description = "shortest OOD segment, in seconds (0.4s) or frames (10f) (default: ${DEFAULT-VALUE})")
    String minSegment;
    @Option(names = "--gap", defaultValue = "0.2s", paramLabel = "LENGTH",
            description = "ID time tolerated inside one OOD segment, seconds or frames (default: ${DEFAULT-VALUE})")
    String gap;
    @Option(names = "--open-timeout", defaultValue = "15", paramLabel = "S",
            description = "seconds a stream or device may take to start sending (default: ${DEFAULT-VALUE})")
    double openTimeout;
    @Option(names = "--read-timeout", defaultValue = "5", paramLabel = "S",
            description = "seconds without data after which a stream or device counts as stopped (default: ${DEFAULT-VALUE})")
    double readTimeout;
    @Parameters(index = "0", paramLabel = "SOURCE", description = "video file, stream URL or capture device")
    String source;

    static final class Speed {
        @Option(names = "--realtime", description = "play a file at its own frame rate, dropping frames when behind (default for files)")
        boolean realtime;
        @Option(names = "--fast", description = "score every frame of a file as fast as the model can")
        boolean fast;
    }

    @Override
    public Integer call() throws IOException {
        SegmentRules rules = new SegmentRules(SegmentRules.Length.parse(minSegment, "--min-segment"),
                SegmentRules.Length.parse(gap, "--gap"));
        Pace pace = speed != null && speed.fast ? Pace.FAST : Pace.REALTIME;
        WatchRequest request = new WatchRequest(detector, model, source, pace, every, fps, rules,
                new LiveFrameSource.Options(openTimeout, readTimeout), out, segments, timeline);
        PrintStream err = System.err;
        try (Watch watch = Watch.open(request)) {
            CountDownLatch done = new CountDownLatch(1);
            // Ctrl-C (SIGINT) or a kill (SIGTERM): stop the watch, and let it finish its files before the JVM ends
            Thread hook = new Thread(() -> {
                watch.stop();
                try {
                    done.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "nero-watch-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            WatchSummary summary;
            try {
                err.println("nero: " + describe(watch.source()));
                summary = watch.run(new Printer(watch, err));
                System.out.flush();
                report(summary, err);
                for (Path written : new Path[] {out, segments, timeline}) {
                    if (written != null) {
                        err.println("nero: wrote " + written);
                    }
                }
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it returns now that the files are written
                }
            }
            if (summary.stats().scored() == 0 && summary.end() != LiveFrameSource.End.STOPPED) {
                throw new InvalidInputException(summary.source().source() + ": no frame was scored"
                        + (summary.endDetail() != null ? " (" + summary.endDetail() + ")" : ""));
            }
        }
        return NeroCli.OK;
    }

    private static String describe(Watch.SourceFacts s) {
        String how = s.pace() == Pace.FAST ? "as fast as the model scores, every frame"
                : s.pace() == Pace.REALTIME ? "in real time, dropping frames when behind"
                : "live, dropping frames when behind";
        return String.format(Locale.ROOT, "watching %s (%s, %s %d×%d%s), %s; threshold %.4g; Ctrl-C stops",
                s.source(), s.container(), s.codec(), s.width(), s.height(),
                s.fps() > 0 ? String.format(Locale.ROOT, " at %.3g fps", s.fps()) : "", how, s.threshold());
    }

    /** What the user reads at the end: counts, speed, latency, segments, files, and how the source ended. */
    static void report(WatchSummary s, PrintStream err) {
        WatchStats t = s.stats();
        err.printf(Locale.ROOT, "nero: %d frames seen, %d scored (%d OOD), %d dropped while the model was busy"
                + "%s%s%s; %.1f frames/s scored over %.1f s%n", t.seen(), t.scored(), t.oodFrames(), t.dropped(),
                t.skipped() > 0 ? ", " + t.skipped() + " left out by --every/--fps" : "",
                t.damaged() > 0 ? ", " + t.damaged() + " damaged (not scored)" : "",
                t.unscorable() > 0 ? ", " + t.unscorable() + " unscorable" : "", t.scoredFps(), t.elapsedSeconds());
        if (t.scored() > 0) {
            err.printf(Locale.ROOT, "nero: latency from arrival to verdict: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                    t.latencyP50Ms(), s.latencyP95Ms(), s.latencyP99Ms());
        }
        err.printf(Locale.ROOT, "nero: %d OOD segment(s)%s%n", s.segments().size(),
                s.blips() > 0 ? " (and " + s.blips() + " shorter OOD run(s) left out)" : "");
        switch (s.end()) {
            case STOPPED -> err.printf(Locale.ROOT, "nero: stopped at t=%.2f s%n", t.streamSeconds());
            case TIMED_OUT, FAILED -> {
                if (t.scored() > 0) {
                    err.println("nero: warning: the source stopped: " + s.endDetail()
                            + "; the results up to there are complete");
                }
            }
            default -> {
            }
        }
    }

    /** Rows on standard output as they come (flushed per row), segments and progress on standard error. */
    private static final class Printer implements WatchListener {
        private final Watch watch;
        private final PrintStream err;
        private final boolean terminal = TerminalProgress.enabled();
        private CSVPrinter csv;
        private int progressWidth;
        private long lastLoggedNanos = System.nanoTime();

        Printer(Watch watch, PrintStream err) {
            this.watch = watch;
            this.err = err;
        }

        @Override
        public void started(Watch.SourceFacts source) {
            try {
                csv = new CSVPrinter(System.out, CSVFormat.RFC4180.builder().setRecordSeparator('\n')
                        .setHeader(TimelineTables.FRAME_COLUMNS.toArray(String[]::new)).build());
                System.out.flush();
            } catch (IOException e) {
                watch.stop();
            }
        }

        @Override
        public void frameScored(FrameResult result) {
            try {
                csv.printRecord(TimelineTables.frameRow(result).stream().map(CsvTables::safeCell).toList());
            } catch (IOException e) {
                watch.stop();
            }
            System.out.flush();
            if (System.out.checkError()) {
                watch.stop(); // the reader of standard output is gone (| head): nothing more to say
            }
        }

        @Override
        public void segmentEnded(OodSegment s, TimelinePicture.Thumbnail peak) {
            clearLine();
            err.printf(Locale.ROOT, "nero: OOD segment %d: t=%.2f–%.2f s (%.2f s, frames %d–%d), peak %.4g at frame "
                    + "%d%s%n", s.number(), s.startSeconds(), s.endSeconds(), s.durationSeconds(), s.startFrame(),
                    s.endFrame(), s.peakScore(), s.peakFrame(), s.openAtEnd() ? ", open at the end" : "");
        }

        @Override
        public void progress(WatchStats t) {
            String line = String.format(Locale.ROOT, "nero: t=%.1f s: %d seen, %d scored, %d dropped, %.1f fps, "
                    + "latency p50 %.0f ms, %d segment(s)", t.streamSeconds(), t.seen(), t.scored(), t.dropped(),
                    t.scoredFps(), t.latencyP50Ms(), t.segments());
            if (terminal) { // one line that overwrites itself
                err.print("\r" + line + " ".repeat(Math.max(0, progressWidth - line.length())));
                err.flush();
                progressWidth = line.length();
            } else if (System.nanoTime() - lastLoggedNanos >= 10_000_000_000L) {
                err.println(line); // a log gets a line every 10 s
                lastLoggedNanos = System.nanoTime();
            }
        }

        @Override
        public void finished(WatchSummary summary) {
            clearLine();
        }

        private void clearLine() {
            if (progressWidth > 0) {
                err.print("\r" + " ".repeat(progressWidth) + "\r");
                err.flush();
                progressWidth = 0;
            }
        }
    }
}
