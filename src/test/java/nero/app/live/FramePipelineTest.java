package nero.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import nero.app.Reports;
import nero.core.InvalidInputException;
import nero.core.timeline.OodSegment;
import nero.core.timeline.SegmentRules;
import nero.io.video.LiveFrameSource;
import nero.io.video.StreamAddress;
import nero.view.TimelinePicture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pipeline with a fake source and a fake detector, driven by latches and a clock moved by hand: no sleeps, no
 * model, no FFmpeg. The latches' waits are guards against a hang (generous), never timings.
 */
@Timeout(60)
class FramePipelineTest {
    private static final long MS = 1_000_000L;
    private static final double PERIOD = 0.04;

    /** A clock the test moves. */
    static final class ManualClock implements Clock {
        final AtomicLong now = new AtomicLong();

        @Override
        public long nanoTime() {
            return now.get();
        }
    }

    record FakeFrame(long number, double seconds, long arrivalNanos, String damage) implements LiveFrameSource.Frame {
        @Override
        public int displayWidth() {
            return 4;
        }

        @Override
        public int displayHeight() {
            return 3;
        }

        @Override
        public ImagePlus image(String title) {
            return new ImagePlus(title, new ij.process.ColorProcessor(4, 3));
        }
    }

    /** Frames 1..n at 25 fps; before frame k is handed out, {@code beforeFrame.apply(k)} may wait or move the clock. */
    static class FakeFeed implements FrameFeed {
        final int frames;
        final ManualClock clock;
        final IntFunction<String> damage;
        final Map<Integer, CountDownLatch> gates;
        final CountDownLatch stopped = new CountDownLatch(1);
        final Integer failAt;
        final boolean waitForStopAtEnd;
        int given;

        FakeFeed(int frames, ManualClock clock, Map<Integer, CountDownLatch> gates, IntFunction<String> damage,
                Integer failAt, boolean waitForStopAtEnd) {
            this.frames = frames;
            this.clock = clock;
            this.gates = gates;
            this.damage = damage;
            this.failAt = failAt;
            this.waitForStopAtEnd = waitForStopAtEnd;
        }

        @Override
        public LiveFrameSource.Frame next() {
            int k = ++given;
            CountDownLatch gate = gates.get(k);
            if (gate != null) {
                await(gate);
            }
            if (failAt != null && k == failAt) {
                throw new InvalidInputException("the stream changed to a 99999×99999 picture");
            }
            if (k > frames) {
                if (waitForStopAtEnd) {
                    await(stopped); // a stream that sends nothing more until stopped
                }
                return null;
            }
            clock.now.set(k * 40 * MS);
            return new FakeFrame(k, (k - 1) * PERIOD, clock.nanoTime(), damage.apply(k));
        }

        @Override
        public void stop() {
            stopped.countDown();
        }

        @Override
        public LiveFrameSource.End end() {
            return stopped.getCount() == 0 ? LiveFrameSource.End.STOPPED : LiveFrameSource.End.FINISHED;
        }

        @Override
        public String endDetail() {
            return null;
        }

        @Override
        public void close() {
        }
    }

    /** Scores frame k as {@code scores.apply(k)} (OOD above 1); frames in {@code slow} wait for their latch. */
    static final class FakeModel implements FrameModel {
        final ManualClock clock;
        final Map<Long, CountDownLatch[]> slow;
        final java.util.function.LongToDoubleFunction scores;
        final List<Long> scored = Collections.synchronizedList(new ArrayList<>());
        long unscorableFrame = -1;

        FakeModel(ManualClock clock, Map<Long, CountDownLatch[]> slow, java.util.function.LongToDoubleFunction scores) {
            this.clock = clock;
            this.slow = slow;
            this.scores = scores;
        }

        @Override
        public double threshold() {
            return 1;
        }

        @Override
        public void prepare(LiveFrameSource.Frame frame, Slot slot) {
            slot.tensor = new float[] {frame.number()};
        }

        @Override
        public Reports.ScoreRow score(Slot slot, String id) {
            long frame = (long) slot.tensor[0];
            CountDownLatch[] busy = slow.get(frame);
            if (busy != null) {
                busy[0].countDown(); // "I am scoring this frame"
                await(busy[1]); // until the test lets go
            }
            if (frame == unscorableFrame) {
                throw new InvalidInputException(id + ": all-zero features; the frame is not scored");
            }
            clock.now.addAndGet(30 * MS);
            scored.add(frame);
            double s = scores.applyAsDouble(frame);
            return new Reports.ScoreRow(id, "class0", 0.9, s, s, 0, 1, "class0", 1, s > 1, Map.of());
        }

        @Override
        public int[] pixels(Slot slot) {
            return new int[4];
        }

        @Override
        public int[] pictureSize() {
            return new int[] {2, 2};
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("a latch was never released (the pipeline hangs)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static FramePipeline pipeline(FrameFeed feed, FrameModel model, Clock clock, boolean drop,
            FrameSelection selection) {
        return new FramePipeline(feed, model, clock, new FramePipeline.Settings("fake.ts", false, drop, selection,
                new SegmentRules(SegmentRules.Length.parse("2f", "min"), SegmentRules.Length.parse("1f", "gap")),
                PERIOD, 8));
    }

    private static final Watch.SourceFacts FACTS = new Watch.SourceFacts("fake.ts", StreamAddress.Kind.NETWORK,
            "MPEG-TS", "H.264", 4, 3, 25, null, true, 1);

    /** Records what the listener hears. */
    static class Heard implements WatchListener {
        final List<FrameResult> results = new ArrayList<>();
        final List<OodSegment> segments = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        WatchSummary summary;

        @Override
        public void frameScored(FrameResult result) {
            results.add(result);
        }

        @Override
        public void frameSkipped(long frame, double seconds, String reason) {
            skipped.add(frame + ": " + reason);
        }

        @Override
        public void segmentEnded(OodSegment segment, TimelinePicture.Thumbnail peakPicture) {
            segments.add(segment);
        }

        @Override
        public void finished(WatchSummary s) {
            summary = s;
        }

        List<Long> frames() {
            return results.stream().map(FrameResult::frame).toList();
        }
    }

    @Test
    void whenTheModelFallsBehindTheNewestFrameIsScoredAndTheOthersAreCountedAsDropped() throws Exception {
        ManualClock clock = new ManualClock();
        CountDownLatch scoringFrame1 = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch framesTwoToTenHandedOver = new CountDownLatch(1);
        CountDownLatch sourceEnds = new CountDownLatch(1);
        // frame 2 comes only once the model is busy with frame 1; the 11th read (the end) tells the test that frames
        // 2..10 have all been handed over, and waits
        Map<Integer, CountDownLatch> gates = Map.of(2, scoringFrame1, 11, sourceEnds);
        FakeFeed feed = new FakeFeed(10, clock, gates, k -> null, null, false) {
            @Override
            public LiveFrameSource.Frame next() {
                if (given == 10) {
                    framesTwoToTenHandedOver.countDown();
                }
                return super.next();
            }
        };
        FakeModel model = new FakeModel(clock, Map.of(1L, new CountDownLatch[] {scoringFrame1, release}), k -> 2);
        Heard heard = new Heard();
        FramePipeline p = pipeline(feed, model, clock, true, new FrameSelection(1, 0));
        CompletableFuture<WatchSummary> run = CompletableFuture.supplyAsync(() -> p.run(FACTS, heard));
        await(framesTwoToTenHandedOver);
        clock.now.set(420 * MS); // the model took until t = 420 ms for frame 1
        release.countDown();
        sourceEnds.countDown();
        WatchSummary s = run.get(30, TimeUnit.SECONDS);
        assertEquals(List.of(1L, 10L), heard.frames(), "frame 1, then the newest: frame 10");
        assertEquals(10, s.stats().seen());
        assertEquals(2, s.stats().scored());
        assertEquals(8, s.stats().dropped(), "frames 2..9 replaced while the model was busy");
        assertEquals(410, heard.results.get(0).latencyMs(), 1e-9, "arrived at 40 ms, verdict at 420 + 30 ms");
        assertEquals(80, heard.results.get(1).latencyMs(), 1e-9, "arrived at 400 ms, taken at 450, scored in 30 ms");
        assertEquals(LiveFrameSource.End.FINISHED, s.end());
    }

    @Test
    void aFilePlayedAsFastAsPossibleScoresEveryFrameInOrderWithNoneDropped() throws Exception {
        ManualClock clock = new ManualClock();
        CountDownLatch scoringFrame1 = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeFeed feed = new FakeFeed(30, clock, Map.of(), k -> null, null, false);
        FakeModel model = new FakeModel(clock, Map.of(1L, new CountDownLatch[] {scoringFrame1, release}), k -> 0.5);
        Heard heard = new Heard();
        FramePipeline p = pipeline(feed, model, clock, false, new FrameSelection(1, 0));
        CompletableFuture<WatchSummary> run = CompletableFuture.supplyAsync(() -> p.run(FACTS, heard));
        await(scoringFrame1);
        release.countDown(); // however long frame 1 took, the reader waited instead of dropping
        WatchSummary s = run.get(30, TimeUnit.SECONDS);
        List<Long> all = new ArrayList<>();
        for (long k = 1; k <= 30; k++) {
            all.add(k);
        }
        assertEquals(all, heard.frames());
        assertEquals(0, s.stats().dropped());
    }

    @Test
    void everyNthFrameIsScoredAndTheOthersCountAsLeftOutNotDropped() {
        ManualClock clock = new ManualClock();
        FakeModel model = new FakeModel(clock, Map.of(), k -> 0.5);
        Heard heard = new Heard();
        WatchSummary s = pipeline(new FakeFeed(10, clock, Map.of(), k -> null, null, false), model, clock, false,
                new FrameSelection(3, 0)).run(FACTS, heard);
        assertEquals(List.of(1L, 4L, 7L, 10L), heard.frames());
        assertEquals(6, s.stats().skipped());
        assertEquals(0, s.stats().dropped());
    }

    @Test
    void atMostFFramesPerSecondOfTheStreamAreScored() {
        ManualClock clock = new ManualClock();
        Heard heard = new Heard();
        pipeline(new FakeFeed(50, clock, Map.of(), k -> null, null, false), new FakeModel(clock, Map.of(), k -> 0.5),
                clock, false, new FrameSelection(1, 5)).run(FACTS, heard);
        // 50 frames = 2 s at 25 fps; 5 per second: frames 1, 6, 11, …
        assertEquals(List.of(1L, 6L, 11L, 16L, 21L, 26L, 31L, 36L, 41L, 46L), heard.frames());
    }

    @Test
    void damagedAndUnscorableFramesAreCountedAndNotScored() {
        ManualClock clock = new ManualClock();
        FakeModel model = new FakeModel(clock, Map.of(), k -> 0.5);
        model.unscorableFrame = 7;
        Heard heard = new Heard();
        WatchSummary s = pipeline(new FakeFeed(10, clock, Map.of(), k -> k == 4 || k == 5 ? "damaged data" : null,
                null, false), model, clock, false, new FrameSelection(1, 0)).run(FACTS, heard);
        assertEquals(List.of(1L, 2L, 3L, 6L, 8L, 9L, 10L), heard.frames());
        assertEquals(2, s.stats().damaged());
        assertEquals(1, s.stats().unscorable());
        assertEquals(1, heard.skipped.size());
        assertTrue(heard.skipped.get(0).startsWith("7: fake.ts#frame=7@t=0.240s: all-zero features"),
                heard.skipped.toString());
    }

    @Test
    void segmentsAreToldAsTheyEndAndTheOneOpenAtTheEndLast() {
        ManualClock clock = new ManualClock();
        // OOD at frames 3-6 (a segment), 9 (a blip: shorter than 2 frames), 12-14 (open at the end)
        java.util.Set<Long> ood = java.util.Set.of(3L, 4L, 5L, 6L, 9L, 12L, 13L, 14L);
        Heard heard = new Heard();
        WatchSummary s = pipeline(new FakeFeed(14, clock, Map.of(), k -> null, null, false), new FakeModel(clock,
                Map.of(), k -> ood.contains(k) ? 2 + k / 100.0 : 0.5), clock, false, new FrameSelection(1, 0))
                .run(FACTS, heard);
        assertEquals(2, heard.segments.size());
        assertEquals(3, heard.segments.get(0).startFrame());
        assertEquals(6, heard.segments.get(0).endFrame());
        assertEquals(6, heard.segments.get(0).peakFrame());
        assertTrue(heard.segments.get(1).openAtEnd());
        assertEquals(1, s.blips());
        assertEquals(s.segments(), heard.segments);
        assertEquals(8, s.stats().oodFrames());
        assertEquals(14, s.timeline().scores().length, "the timeline has every scored frame");
    }

    @Test
    void stopEndsAReadThatWaitsForDataAndTheWatchEndsWithWhatWasScored() throws Exception {
        ManualClock clock = new ManualClock();
        FakeFeed feed = new FakeFeed(5, clock, Map.of(), k -> null, null, true); // then silence until stopped
        Heard heard = new Heard();
        CountDownLatch fiveScored = new CountDownLatch(5);
        FramePipeline p = pipeline(feed, new FakeModel(clock, Map.of(), k -> 0.5), clock, false,
                new FrameSelection(1, 0));
        CompletableFuture<WatchSummary> run = CompletableFuture.supplyAsync(() -> p.run(FACTS, new Heard() {
            @Override
            public void frameScored(FrameResult result) {
                heard.frameScored(result);
                fiveScored.countDown();
            }
        }));
        await(fiveScored);
        p.stop(); // as the shutdown hook or the Stop button does, from another thread
        WatchSummary s = run.get(30, TimeUnit.SECONDS);
        assertEquals(LiveFrameSource.End.STOPPED, s.end());
        assertNull(s.endDetail());
        assertEquals(5, s.stats().scored());
    }

    @Test
    void aSourceThatFailsMidwayEndsTheWatchWithWhereItStoppedAndKeepsTheScoredFrames() {
        ManualClock clock = new ManualClock();
        Heard heard = new Heard();
        WatchSummary s = pipeline(new FakeFeed(10, clock, Map.of(), k -> null, 6, false), new FakeModel(clock,
                Map.of(), k -> 0.5), clock, false, new FrameSelection(1, 0)).run(FACTS, heard);
        assertEquals(LiveFrameSource.End.FAILED, s.end());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), heard.frames());
        assertNotNull(s.endDetail());
        assertTrue(s.endDetail().startsWith("the stream changed to a 99999×99999 picture after t=0.16 s"),
                s.endDetail());
        assertTrue(s.stoppedMidway());
        assertNotNull(heard.summary, "the listener hears the end too");
    }

    @Test
    void theMailboxNeverHoldsMoreThanOneFrame() throws InterruptedException {
        Mailbox box = new Mailbox(true);
        FrameModel.Slot a = new FrameModel.Slot();
        FrameModel.Slot b = new FrameModel.Slot();
        FrameModel.Slot c = new FrameModel.Slot();
        assertNull(box.put(a));
        assertEquals(a, box.put(b), "a is dropped for b");
        assertEquals(b, box.put(c), "b is dropped for c");
        assertEquals(c, box.take());
        box.close(false);
        assertNull(box.take(), "closed and empty: the scorer ends");
    }
}
