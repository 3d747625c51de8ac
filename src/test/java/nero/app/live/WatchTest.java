package nero.app.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import nero.app.FrameScorer;
import nero.app.NeroWorkflow;
import nero.app.Reports;
import nero.app.Requests;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import nero.io.FfmpegLibrary;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.video.Ffmpeg;
import nero.io.video.FrameSampling;
import nero.io.video.LiveFrameSource;
import nero.io.video.UdpSender;
import nero.io.video.VideoReader;
import nero.model.Preprocessor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The engine end to end with the sample detector: files fast and in real time, a UDP stream, the files it writes. */
@Timeout(180)
class WatchTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void natives() {
        Assumptions.assumeTrue(FfmpegLibrary.available(), "FFmpeg natives: " + FfmpegLibrary.problem());
    }

    private static WatchRequest request(String source, Pace pace, Path csv, Path segments, Path png) {
        return new WatchRequest(LiveFixtures.detector(), null, source, pace, 1, 0, null,
                new LiveFrameSource.Options(20, 2), csv, segments, png);
    }

    private static final class Collect implements WatchListener {
        final List<FrameResult> results = new ArrayList<>();
        final List<String> pictures = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void pictureArrived(long frame, double seconds, ImagePlus picture) {
            pictures.add(frame + ":" + picture.getWidth() + "x" + picture.getHeight());
        }

        @Override
        public void frameScored(FrameResult r) {
            results.add(r);
        }
    }

    @Test
    void aFileAsFastAsPossibleScoresEveryFrameAsScoreDoesAndWritesTheThreeFiles() throws IOException {
        Path csv = tmp.resolve("timeline.csv");
        Path segments = tmp.resolve("segments.csv");
        Path png = tmp.resolve("timeline.png");
        Collect heard = new Collect();
        WatchSummary s;
        try (Watch w = Watch.open(request(LiveFixtures.VIDEO.toString(), Pace.FAST, csv, segments, png))) {
            assertFalse(w.source().dropsWhenBehind());
            s = w.run(heard);
        }
        assertEquals(LiveFrameSource.End.FINISHED, s.end());
        assertEquals(20, s.stats().seen());
        assertEquals(20, s.stats().scored());
        assertEquals(0, s.stats().dropped());
        assertEquals(20, heard.pictures.size(), "a window can show every frame handed to the model");
        assertEquals("1:160x128", heard.pictures.get(0));
        // the same frames through score (batches of 8 there, one frame per call here: features a few 1e-6 apart)
        Reports.Score batch = new NeroWorkflow(ProgressListener.NONE).score(new Requests.Score(
                LiveFixtures.detector(), null, List.of(LiveFixtures.VIDEO), List.of(), List.of(), null, null,
                FrameSampling.every(1)));
        assertEquals(20, batch.rows().size());
        for (int i = 0; i < 20; i++) {
            Reports.ScoreRow live = heard.results.get(i).row();
            Reports.ScoreRow still = batch.rows().get(i);
            assertEquals(still.id(), live.id().replace(LiveFixtures.VIDEO.toString(),
                    LiveFixtures.VIDEO.toAbsolutePath().toString()), "same frame numbers and times");
            assertEquals(still.neroScore(), live.neroScore(), 1e-4 * Math.abs(still.neroScore()), still.id());
            assertEquals(still.predictedClass(), live.predictedClass());
            assertEquals(still.ood(), live.ood());
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals(String.join(",", TimelineTables.FRAME_COLUMNS), lines.get(0));
        assertEquals(21, lines.size(), "a header and one row per scored frame");
        assertTrue(lines.get(1).startsWith("1,0.000,"), lines.get(1));
        List<String> segmentLines = Files.readAllLines(segments);
        assertEquals(String.join(",", TimelineTables.SEGMENT_COLUMNS), segmentLines.get(0));
        assertEquals(s.segments().size() + 1, segmentLines.size());
        var picture = ImageIO.read(png.toFile());
        assertEquals(1200, picture.getWidth());
        assertNoTemporaryFiles();
    }

    @Test
    void aFileInRealTimeTakesAboutItsOwnDuration() {
        long start = System.nanoTime();
        WatchSummary s;
        try (Watch w = Watch.open(request(LiveFixtures.VIDEO.toString(), Pace.REALTIME, null, null, null))) {
            assertTrue(w.source().dropsWhenBehind());
            s = w.run(new Collect());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // 20 frames at 10 fps: the last frame is due 1.9 s after the first; the upper bound only guards a hang
        assertTrue(seconds >= 1.8 && seconds < 120, "took " + seconds + " s");
        assertEquals(20, s.stats().seen());
        assertEquals(20, s.stats().scored() + s.stats().dropped(), "each frame scored or dropped, none lost");
        assertTrue(s.stats().scored() >= 2);
    }

    @Test
    void aUdpStreamServedByFfmpegIsScoredUntilItFallsSilent() throws Exception {
        Ffmpeg.require("libx264");
        Path clip = Ffmpeg.write(tmp.resolve("stream.ts"), 75, "-c:v", "libx264", "-g", "10", "-bf", "0", "-pix_fmt",
                "yuv420p", "-f", "mpegts");
        Collect heard = new Collect();
        WatchSummary s;
        try (UdpSender sender = UdpSender.start(clip, false, 30);
                Watch w = Watch.open(request(sender.url, null, null, tmp.resolve("segments.csv"), null))) {
            assertEquals("MPEG-TS", w.source().container());
            s = w.run(heard);
        }
        assertEquals(LiveFrameSource.End.TIMED_OUT, s.end());
        assertTrue(s.stoppedMidway());
        assertTrue(s.stats().seen() >= 40, "most frames arrive: " + s.stats());
        assertEquals(s.stats().scored(), heard.results.size());
        assertTrue(s.stats().scored() > 0);
        assertTrue(Files.exists(tmp.resolve("segments.csv")));
        for (FrameResult r : heard.results) {
            assertTrue(r.latencyMs() >= 0 && Double.isFinite(r.latencyMs()));
        }
    }

    @Test
    void outputsAreCheckedBeforeAnythingStarts() throws IOException {
        Path detector = LiveFixtures.detector();
        String video = LiveFixtures.VIDEO.toString();
        InvalidInputException same = assertThrows(InvalidInputException.class, () -> Watch.open(new WatchRequest(
                detector, null, video, null, 1, 0, null, null, tmp.resolve("a.csv"), tmp.resolve("a.csv"), null)));
        assertTrue(same.getMessage().contains("are both"), same.getMessage());
        InvalidInputException input = assertThrows(InvalidInputException.class, () -> Watch.open(new WatchRequest(
                detector, null, video, null, 1, 0, null, null, Path.of(video), null, null)));
        assertTrue(input.getMessage().contains("is also an input"), input.getMessage());
        InvalidInputException fast = assertThrows(InvalidInputException.class, () -> Watch.open(new WatchRequest(
                detector, null, "udp://127.0.0.1:9", Pace.FAST, 1, 0, null, null, null, null, null)));
        assertTrue(fast.getMessage().contains("comes at its own rate"), fast.getMessage());
        assertThrows(InvalidInputException.class, () -> new WatchRequest(detector, null, video, null, 2, 5, null,
                null, null, null, null));
    }

    @Test
    void aWatchThatFailsLeavesNoFileBehind() throws IOException {
        Path csv = tmp.resolve("timeline.csv");
        Path png = tmp.resolve("timeline.png");
        try (Watch w = Watch.open(request(LiveFixtures.VIDEO.toString(), Pace.FAST, csv, tmp.resolve("s.csv"),
                png))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.run(new WatchListener() {
                @Override
                public void frameScored(FrameResult result) {
                    if (result.frame() == 5) {
                        throw new IllegalStateException("a listener broke");
                    }
                }
            }));
            assertEquals("a listener broke", e.getMessage());
        }
        assertFalse(Files.exists(csv));
        assertFalse(Files.exists(png));
        assertNoTemporaryFiles();
    }

    @Test
    void theThumbnailPixelsAreTheResizedFrameTheModelSees() throws IOException {
        try (FrameScorer scorer = FrameScorer.open(LiveFixtures.detector(), null);
                ImageSource stills = VideoReader.open(LiveFixtures.VIDEO, FrameSampling.every(7))) {
            Iterator<SourceItem> it = stills.iterator();
            while (it.hasNext()) {
                ImagePlus frame = it.next().read();
                int w = scorer.preprocessing().width();
                int h = scorer.preprocessing().height();
                int[] expected = Preprocessor.resizeArgb((int[]) frame.getProcessor().getPixels(), frame.getWidth(),
                        frame.getHeight(), w, h);
                assertArrayEquals(expected, scorer.pixels(scorer.tensor(frame)));
            }
        }
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            List<String> hidden = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))
                    .toList();
            assertEquals(List.of(), hidden, "temporary files left behind");
        }
    }
}
