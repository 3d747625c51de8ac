package nero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import nero.app.live.TimelineTables;
import nero.io.FfmpegLibrary;
import nero.io.video.Ffmpeg;
import nero.io.video.UdpSender;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nero watch}: rows on standard output as they come, the summary on standard error, every bad source as one
 * line and exit 2, and a real Ctrl-C (SIGINT to a child process) that ends it with every file complete.
 */
@Timeout(300)
class WatchCliTest {
    private static final Path VIDEO = SampleDetector.SAMPLE.resolve("video/cecum-to-polyp.mp4");

    @TempDir
    Path tmp;

    @BeforeAll
    static void natives() {
        Assumptions.assumeTrue(FfmpegLibrary.available(), "FFmpeg natives: " + FfmpegLibrary.problem());
    }

    @Test
    void aFilePrintsOneCsvRowPerFrameOnStdoutAndTheSummaryOnStderr() throws IOException {
        Path segments = tmp.resolve("segments.csv");
        Cli.Result r = Cli.run("watch", "--detector", SampleDetector.detector(), "--fast", "--segments", segments,
                VIDEO);
        assertEquals(0, r.code(), r.toString());
        List<String> rows = r.out().lines().toList();
        assertEquals(String.join(",", TimelineTables.FRAME_COLUMNS), rows.get(0));
        assertEquals(21, rows.size(), r.toString());
        assertTrue(rows.get(20).startsWith("20,1.900,"), rows.get(20));
        assertTrue(r.err().contains("nero: 20 frames seen, 20 scored"), r.err());
        assertTrue(r.err().contains("latency from arrival to verdict: p50 "), r.err());
        assertTrue(r.err().contains("nero: wrote " + segments), r.err());
        assertTrue(Files.readAllLines(segments).get(0).startsWith("segment,start_frame,"));
    }

    @Test
    void everyFrameOrEveryNthAndTheSegmentRulesAreOptions() {
        Cli.Result r = Cli.run("watch", "--detector", SampleDetector.detector(), "--fast", "--every", "4",
                "--min-segment", "3f", "--gap", "0s", VIDEO);
        assertEquals(0, r.code(), r.toString());
        assertEquals(1 + 5, r.out().lines().count(), "frames 1, 5, 9, 13, 17\n" + r);
        assertTrue(r.err().contains("15 left out by --every/--fps"), r.err());
    }

    @Test
    void badSourcesAreOneLineAndExitTwo() throws IOException {
        Path detector = SampleDetector.detector();
        Cli.assertBadInput(Cli.run("watch", "--detector", detector, "rist://127.0.0.1:5000"),
                "rist://127.0.0.1:5000: the bundled FFmpeg", "has no 'rist' protocol");
        Cli.assertBadInput(Cli.run("watch", "--detector", detector, "/dev/video97"),
                "/dev/video97: no such capture device");
        Cli.assertBadInput(Cli.run("watch", "--detector", detector, tmp.resolve("missing.mp4")), "missing.mp4");
        String silent = "udp://127.0.0.1:" + UdpSender.freePort();
        Cli.assertBadInput(Cli.run("watch", "--detector", detector, "--open-timeout", "1", silent),
                silent + ": nothing usable arrived within 1 s");
        Cli.assertBadInput(Cli.run("watch", "--detector", detector, "--fast", silent), "comes at its own rate");
        Cli.assertBadInput(Cli.run("watch", "--detector", detector, "--gap", "2x", VIDEO), "--gap must be");
        Cli.assertBadInput(Cli.run("watch", "--detector", detector, "--fast", "--realtime", VIDEO),
                "mutually exclusive");
    }

    @Test
    void aStreamThatStopsMidwayKeepsWhatWasScoredAndSaysWhereItStopped() throws Exception {
        Ffmpeg.require("libx264");
        Path clip = Ffmpeg.write(tmp.resolve("stream.ts"), 50, "-c:v", "libx264", "-g", "10", "-bf", "0",
                "-pix_fmt", "yuv420p", "-f", "mpegts");
        Path out = tmp.resolve("timeline.csv");
        Cli.Result r;
        try (UdpSender sender = UdpSender.start(clip, false, 30)) {
            r = Cli.run("watch", "--detector", SampleDetector.detector(), "--read-timeout", "1", "--out", out,
                    sender.url);
        }
        assertEquals(0, r.code(), "a stream that falls silent after frames were scored is a warning\n" + r);
        assertTrue(r.err().matches("(?s).*nero: warning: the source stopped: no data for 1 s after t=[0-9.]+ s; the "
                + "results up to there are complete.*"), r.err());
        assertEquals(r.out().lines().count(), Files.readAllLines(out).size(), "the file has the rows printed");
    }

    /** A real Ctrl-C: SIGINT to a child JVM running watch; it stops with every file complete. */
    @Test
    void ctrlCStopsTheWatchWithEveryFileComplete() throws Exception {
        Ffmpeg.require("libx264");
        Path clip = Ffmpeg.write(tmp.resolve("long.mp4"), 1500, "-c:v", "libx264", "-g", "25", "-pix_fmt",
                "yuv420p"); // 60 s: far longer than the test
        Path csv = tmp.resolve("timeline.csv");
        Path segments = tmp.resolve("segments.csv");
        Path png = tmp.resolve("timeline.png");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Djava.awt.headless=true", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), NeroCli.class.getName(), "watch", "--detector",
                SampleDetector.detector().toString(), "--out", csv.toString(), "--segments", segments.toString(),
                "--timeline", png.toString(), "--realtime", clip.toString());
        // A shell without job control starts background jobs with SIGINT ignored, and the child inherits that: the JVM
        // then never hears Ctrl-C (as a background job should not). The same stop path is then tested with SIGTERM.
        boolean interruptIgnored = interruptIgnoredHere();
        Process child = new ProcessBuilder(command).redirectError(tmp.resolve("stderr.txt").toFile()).start();
        List<String> printed = new ArrayList<>();
        CountDownLatch threeRows = new CountDownLatch(1);
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (printed) {
                        printed.add(line);
                        if (printed.size() >= 4) {
                            threeRows.countDown();
                        }
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            assertTrue(threeRows.await(150, TimeUnit.SECONDS), "rows come on stdout as frames are scored\n"
                    + Files.readString(tmp.resolve("stderr.txt")));
            Process kill = new ProcessBuilder("kill", interruptIgnored ? "-TERM" : "-INT", Long.toString(child.pid()))
                    .start();
            assertEquals(0, kill.waitFor());
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                fail("the watch ends after Ctrl-C\n" + Files.readString(tmp.resolve("stderr.txt"))
                        + "\nthreads of the watch:\n" + threadDump(child.pid()));
            }
        } finally {
            child.destroyForcibly();
        }
        reader.get(30, TimeUnit.SECONDS);
        String err = Files.readString(tmp.resolve("stderr.txt"));
        assertEquals(interruptIgnored ? 143 : 130, child.exitValue(),
                "the JVM's exit status for SIGINT (128 + 2) or SIGTERM (128 + 15)\n" + err);
        assertTrue(err.contains("nero: stopped at t="), err);
        assertTrue(err.contains("nero: wrote " + png), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace\n" + err);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(printed, rows, "the timeline file is complete: every row printed, no half row");
        assertTrue(rows.size() >= 4);
        assertTrue(Files.readAllLines(segments).get(0).startsWith("segment,"));
        assertEquals(1200, ImageIO.read(png.toFile()).getWidth());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))
                    .toList(), "no temporary file left");
        }
    }

    /** The threads of a running JVM (jcmd), to say where a watch that did not stop was waiting. */
    private static String threadDump(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    /** Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status), which its children inherit. */
    private static boolean interruptIgnoredHere() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2L) != 0;
            }
        }
        return false;
    }
}
