package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nero.app.live.FrameResult;
import nero.app.live.TimelineTables;
import nero.app.live.WatchListener;
import nero.app.live.WatchSummary;
import nero.io.FfmpegLibrary;
import nero.io.video.LiveFrameSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;

/** "Watch Video (live OOD)" headless through CommandService, as a macro or a script runs it in Fiji. */
@Timeout(240)
class WatchVideoCommandTest {
    static final Path VIDEO = TestData.SAMPLE.resolve("video/cecum-to-polyp.mp4");
    static Context context;
    static CommandService commands;
    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(FfmpegLibrary.available(), "FFmpeg natives: " + FfmpegLibrary.problem());
        FittedSample.detector();
        context = new Context(CommandService.class);
        commands = context.service(CommandService.class);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.dispose();
        }
    }

    static Map<String, Object> inputs(Object... keyValues) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("detector", FittedSample.detector().toFile());
        for (int i = 0; i < keyValues.length; i += 2) {
            inputs.put((String) keyValues[i], keyValues[i + 1]);
        }
        return inputs;
    }

    static CommandModule watch(Object... keyValues) throws Exception {
        return commands.run(WatchVideoCommand.class, true, inputs(keyValues)).get();
    }

    @Test
    void aClipWatchedHeadlessFillsTheSegmentsTableAndWritesEveryFile() throws Exception {
        Path csv = tmp.resolve("frames.csv");
        Path segments = tmp.resolve("segments.csv");
        Path png = tmp.resolve("timeline.png");
        CommandModule m = watch("video", VIDEO.toFile(), "speed", "fast", "min_segment", "1f", "gap", "0s",
                "csv", csv.toFile(), "segments", segments.toFile(), "timeline", png.toFile());
        assertFalse(m.isCanceled(), m.getCancelReason());
        WatchSummary report = assertInstanceOf(WatchSummary.class, m.getOutput("report"));
        assertEquals(20, report.stats().scored());
        assertEquals(LiveFrameSource.End.FINISHED, report.end());
        String summary = (String) m.getOutput("summary");
        assertTrue(summary.startsWith("20 frames seen, 20 scored"), summary);
        assertTrue(summary.contains("wrote " + segments) && summary.contains("wrote " + png), summary);
        ResultsTable table = (ResultsTable) m.getOutput("results");
        List<String> rows = Files.readAllLines(segments);
        assertEquals(String.join(",", TimelineTables.SEGMENT_COLUMNS), rows.get(0));
        assertEquals(rows.size() - 1, table.size(), "one table row per segment in the CSV");
        assertEquals(report.segments().size(), table.size());
        assertTrue(report.stats().oodFrames() == 0 || table.size() > 0, "OOD frames make segments of 1 frame");
        assertArrayEquals(TimelineTables.SEGMENT_COLUMNS.toArray(), table.getHeadings());
        for (int i = 0; i < table.size(); i++) {
            String[] cells = rows.get(i + 1).split(",");
            assertEquals(Double.parseDouble(cells[1]), table.getValue("start_frame", i));
            assertEquals(Double.parseDouble(cells[6]), table.getValue("peak_score", i), 1e-9);
        }
        assertEquals(21, Files.readAllLines(csv).size());
        ImagePlus timeline = assertInstanceOf(ImagePlus.class, m.getOutput("timeline_view"));
        assertEquals(1200, timeline.getWidth());
    }

    /** Stopped from another thread (the Stop button, Esc, Ctrl-C): it ends as the source's end would, files written. */
    @Test
    void stopEndsTheWatchWithItsFilesWritten() throws Exception {
        nero.io.video.Ffmpeg.require("libx264");
        Path clip = nero.io.video.Ffmpeg.write(tmp.resolve("long.mp4"), 750, "-c:v", "libx264", "-g", "25",
                "-pix_fmt", "yuv420p"); // 30 s, played in real time: far longer than the test
        Path segments = tmp.resolve("segments.csv");
        CommandInfo info = commands.getCommand(WatchVideoCommand.class);
        ModuleService modules = context.service(ModuleService.class);
        CommandModule module = (CommandModule) modules.createModule(info);
        WatchVideoCommand command = (WatchVideoCommand) module.getCommand();
        CountDownLatch scored = new CountDownLatch(3);
        command.setListener(new WatchListener() {
            @Override
            public void frameScored(FrameResult result) {
                scored.countDown();
            }
        });
        Future<?> run = modules.run(module, true, inputs("stream", clip.toString(), "segments", segments.toFile()));
        assertTrue(scored.await(120, TimeUnit.SECONDS), "frames are scored");
        command.stop();
        run.get(60, TimeUnit.SECONDS);
        assertFalse(module.isCanceled(), module.getCancelReason());
        WatchSummary report = (WatchSummary) module.getOutput("report");
        assertEquals(LiveFrameSource.End.STOPPED, report.end());
        assertTrue(report.stats().streamSeconds() < 29, "stopped before the end: " + report.stats());
        assertTrue(((String) module.getOutput("summary")).contains("stopped at t="));
        assertTrue(Files.readAllLines(segments).get(0).startsWith("segment,"));
    }

    @Test
    void badInputsAreOneMessageNamingTheKey() throws Exception {
        assertEquals("video is required: give a video file, or a stream URL or capture device as stream",
                watch().getCancelReason());
        assertEquals("give either video (a file) or stream (a URL or capture device), not both",
                watch("video", VIDEO.toFile(), "stream", "udp://127.0.0.1:5000").getCancelReason());
        assertEquals("speed must be 'realtime' or 'fast', got 'slow'",
                watch("video", VIDEO.toFile(), "speed", "slow").getCancelReason());
        assertTrue(watch("video", VIDEO.toFile(), "gap", "2x").getCancelReason().startsWith("gap must be"));
        assertTrue(watch("video", tmp.resolve("missing.mp4").toFile()).getCancelReason()
                .startsWith("video: no such file"));
        assertTrue(watch("stream", "rist://127.0.0.1:5000").getCancelReason().contains("has no 'rist' protocol"));
    }

    static List<String> userInputs(CommandInfo info) {
        List<String> names = new java.util.ArrayList<>();
        for (org.scijava.module.ModuleItem<?> item : info.inputs()) {
            if (CommandValidationTest.isUserInput(item)) {
                names.add(item.getName());
            }
        }
        return names;
    }

    @Test
    void theCommandIsInTheNeroMenuHeadlessWithSnakeCaseKeys() {
        CommandInfo info = commands.getCommand(WatchVideoCommand.class);
        assertEquals("Plugins > NERO OOD > Watch Video (live OOD)", info.getMenuPath().getMenuString());
        assertTrue(info.canRunHeadless());
        assertEquals(List.of("detector", "model", "video", "stream", "speed", "every", "fps", "min_segment", "gap",
                "open_timeout", "read_timeout", "csv", "segments", "timeline"), userInputs(info));
    }
}
