package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.measure.ResultsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nero.io.FfmpegLibrary;
import nero.io.video.VideoStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * "Open Video (FFmpeg)..." through CommandService: a virtual stack of the video's pictures, which Score Images then
 * scores slice by slice with the scores {@code score} gives the file's stills.
 */
class OpenVideoCommandTest {
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

    @Test
    void aVideoOpensAsAStackAndIsScoredSliceBySliceLikeTheFile() throws Exception {
        CommandModule open = commands.run(OpenVideoCommand.class, true, Map.of("video", VIDEO.toFile())).get();
        assertFalse(open.isCanceled(), open.getCancelReason());
        ImagePlus stack = assertInstanceOf(ImagePlus.class, open.getOutput("stack"));
        assertInstanceOf(VideoStack.class, stack.getStack());
        assertEquals(20, stack.getStackSize());
        assertEquals("frame 5, 0.400 s", stack.getStack().getSliceLabel(5));
        assertTrue(((String) open.getOutput("summary")).contains("20 pictures of 160×128 at 10 frames/s"),
                (String) open.getOutput("summary"));

        Path png = tmp.resolve("timeline.png");
        CommandModule asStack = commands.run(ScoreImagesCommand.class, true, Map.of("detector",
                FittedSample.detector().toFile(), "image", stack, "timeline", png.toFile())).get();
        assertFalse(asStack.isCanceled(), asStack.getCancelReason());
        CommandModule asFile = commands.run(ScoreImagesCommand.class, true, Map.of("detector",
                FittedSample.detector().toFile(), "input", VIDEO.toString(), "video_step", "all")).get();
        ResultsTable slices = (ResultsTable) asStack.getOutput("results");
        ResultsTable stills = (ResultsTable) asFile.getOutput("results");
        assertEquals(20, slices.size());
        assertEquals(stills.size(), slices.size());
        for (int k = 1; k <= 20; k++) {
            String id = slices.getStringValue("path", k - 1);
            assertTrue(id.startsWith("cecum-to-polyp.mp4#slice=" + k + " (frame " + k + ", "), id);
            assertTrue(stills.getStringValue("path", k - 1).endsWith("#frame=" + k + "@t="
                    + String.format(java.util.Locale.ROOT, "%.3f", (k - 1) / 10.0) + "s"));
            double still = stills.getValue("nero_score", k - 1);
            assertEquals(still, slices.getValue("nero_score", k - 1), 1e-4 * Math.abs(still), "frame " + k);
            assertEquals(stills.getStringValue("verdict", k - 1), slices.getStringValue("verdict", k - 1));
        }
        long overlays = List.of(stack.getOverlay().toArray()).stream().filter(r -> r instanceof TextRoi).count();
        assertEquals(20, overlays, "one verdict per slice");
        for (Roi r : stack.getOverlay().toArray()) {
            assertTrue(r.getPosition() >= 1 && r.getPosition() <= 20, "tied to its slice");
        }
        assertTrue(Files.size(png) > 0);
        ImagePlus timeline = assertInstanceOf(ImagePlus.class, asStack.getOutput("timeline_view"));
        assertTrue(timeline.getTitle().startsWith("Timeline of cecum-to-polyp.mp4"), timeline.getTitle());
        ((VideoStack) stack.getStack()).close();
    }

    @Test
    void whatIsNoVideoIsRefusedNamingTheKey() throws Exception {
        CommandModule m = commands.run(OpenVideoCommand.class, true, Map.of("video",
                tmp.resolve("missing.mp4").toFile())).get();
        assertTrue(m.isCanceled());
        assertTrue(m.getCancelReason().startsWith("video: no such file"), m.getCancelReason());
        Path image = TestData.SAMPLE.resolve("id/test/cecum/cecum-test-000.jpg");
        m = commands.run(OpenVideoCommand.class, true, Map.of("video", image.toFile())).get();
        assertTrue(m.getCancelReason().contains("not a video"), m.getCancelReason());
    }
}
