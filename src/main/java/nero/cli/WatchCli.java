package nero.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import nero.app.live.FrameResult;
import nero.app.live.TimelineTables;
import nero.app.live.Watch;
import nero.app.live.WatchListener;
import nero.app.live.WatchStats;
import nero.app.live.WatchSummary;
import nero.core.timeline.OodSegment;
import nero.fiji.WatchText;
import nero.fiji.WatchVideoCommand;
import nero.io.table.CsvTables;
import nero.view.TimelinePicture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nero watch}: Fiji's "Watch Video (live OOD)" command run headless through {@link CommandCall}, as the other
 * commands are, with a listener that prints each scored frame on standard output as it comes (flushed per row) and
 * segments and progress on standard error; Ctrl-C stops the command and lets it write its files.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Score a video file, stream (udp://, rtp://, rtsp://, srt://, http(s)://…) or capture device "
                + "(/dev/video0) frame by frame as it plays: one CSV row per scored frame on standard output as it "
                + "comes, OOD segments and a summary on standard error. Ctrl-C stops it with every file complete.")
final class WatchCli implements Callable<Integer> {
    @Mixin
    DetectorOptions detector;
    @Option(names = "--out", paramLabel = "CSV", description = "also write the rows (one per scored frame) to this CSV file")
    Path out;
    @Mixin
    TimelineOptions timeline;
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
    public Integer call() {
        // the command runner sends library chatter on standard output to standard error: the rows keep the real one
        Printer printer = new Printer(System.out, System.err);
        boolean fast = speed != null && speed.fast;
        AtomicReference<WatchVideoCommand> running = new AtomicReference<>();
        CommandCall<WatchVideoCommand> call = CommandCall.of(WatchVideoCommand.class).with(detector)
                .input("stream", "SOURCE", source).input("speed", fast ? "--fast" : "--realtime",
                        fast ? "fast" : "realtime")
                .input("every", "--every", every).input("fps", "--fps", fps)
                .input("min_segment", "--min-segment", minSegment).input("gap", "--gap", gap)
                .input("open_timeout", "--open-timeout", openTimeout)
                .input("read_timeout", "--read-timeout", readTimeout)
                .input("csv", "--out", out).with(timeline)
                .prepare(command -> {
                    command.setListener(printer);
                    printer.command = command;
                    running.set(command);
                });
        CountDownLatch done = new CountDownLatch(1);
        // Ctrl-C (SIGINT) or a kill (SIGTERM): stop the watch, and let it finish its files before the JVM ends
        Thread hook = new Thread(() -> {
            WatchVideoCommand command = running.get();
            if (command != null) {
                command.stop();
            }
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "nero-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (CommandRunner runner = new CommandRunner()) {
            Object summary = call.run(runner).getOutput("summary");
            printer.out.flush();
            for (String line : String.valueOf(summary).split("\\R")) {
                printer.err.println("nero: " + line);
            }
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the files are written
            }
        }
        return NeroCli.OK;
    }

    /** Rows on standard output as they come (flushed per row), segments and progress on standard error. */
    private static final class Printer implements WatchListener {
        final PrintStream out;
        final PrintStream err;
        volatile WatchVideoCommand command;
        private final boolean terminal = TerminalProgress.enabled();
        private CSVPrinter csv;
        private int progressWidth;
        private long lastLoggedNanos = System.nanoTime();

        Printer(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        private void stop() {
            WatchVideoCommand c = command;
            if (c != null) {
                c.stop();
            }
        }

        @Override
        public void started(Watch.SourceFacts source) {
            err.println("nero: " + WatchText.describe(source) + "; Ctrl-C stops");
            try {
                csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n')
                        .setHeader(TimelineTables.FRAME_COLUMNS.toArray(String[]::new)).build());
                out.flush();
            } catch (IOException e) {
                stop();
            }
        }

        @Override
        public void frameScored(FrameResult result) {
            try {
                csv.printRecord(TimelineTables.frameRow(result).stream().map(CsvTables::safeCell).toList());
            } catch (IOException e) {
                stop();
            }
            out.flush();
            if (out.checkError()) {
                stop(); // the reader of standard output is gone (| head): nothing more to say
            }
        }

        @Override
        public void segmentEnded(OodSegment s, TimelinePicture.Thumbnail peak) {
            clearLine();
            err.println("nero: " + WatchText.segment(s));
        }

        @Override
        public void progress(WatchStats t) {
            String line = "nero: " + WatchText.progress(t);
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
