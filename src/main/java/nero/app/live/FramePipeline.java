package nero.app.live;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nero.app.Reports;
import nero.core.InvalidInputException;
import nero.core.timeline.OodSegment;
import nero.core.timeline.OodSegmenter;
import nero.core.timeline.SegmentRules;
import nero.io.video.LiveFrameSource;
import nero.view.TimelinePicture;

/**
 * The two threads of a watch. The reader decodes, picks the frames to score, waits for a replayed file's frame to
 * be due, and turns each picture into the model's input; the scorer (the thread that calls {@link #run}) takes the
 * newest prepared frame, scores it and tells the listener. One frame at most waits between them ({@link Mailbox}):
 * a live source that outpaces the model has its older frames dropped and counted, never queued.
 */
final class FramePipeline {
    /** How the pipeline runs. {@code framePeriod}: seconds one scored frame stands for (segments, thumbnails). */
    record Settings(String sourceName, boolean paced, boolean dropWhenBehind, FrameSelection selection,
            SegmentRules segments, double framePeriod, int thumbnails) {
    }

    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;
    /** Progress shows the median latency of the last frames (about 40 s at 25 fps), the summary of all. */
    private static final int RECENT = 1000;

    private final FrameFeed feed;
    private final FrameModel model;
    private final Clock clock;
    private final Settings settings;
    private final Mailbox mailbox;
    private final ArrayDeque<FrameModel.Slot> free = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopRequested;

    // written by the reader, read by the scorer for progress and the summary
    private volatile long seen;
    private volatile long skipped;
    private volatile long damaged;
    private volatile long dropped;
    private volatile double lastSeenSeconds;
    private volatile RuntimeException readerFailure;
    private volatile Long firstArrival;

    // the scorer's own
    private long scored;
    private long unscorable;
    private long oodFrames;
    private long lastVerdict;
    private final LatencyRecorder latencies = new LatencyRecorder();
    private double[] times = new double[1024];
    private double[] scores = new double[1024];
    private final ThumbnailStrip strip;
    private TimelinePicture.Thumbnail peakPicture;
    private int segmentCount;

    FramePipeline(FrameFeed feed, FrameModel model, Clock clock, Settings settings) {
        this.feed = feed;
        this.model = model;
        this.clock = clock;
        this.settings = settings;
        this.mailbox = new Mailbox(settings.dropWhenBehind());
        this.strip = new ThumbnailStrip(settings.thumbnails(), 0.25);
    }

    /** Ends the watch soon, from any thread: a read that waits for data is interrupted, the frame waiting dropped. */
    void stop() {
        stopRequested = true;
        feed.stop();
        stopped.countDown();
        mailbox.close(true);
    }

    /** Runs until the source ends or {@link #stop()}; the listener hears everything on this thread. */
    WatchSummary run(Watch.SourceFacts facts, WatchListener listener) {
        long start = clock.nanoTime();
        long nextProgress = start + PROGRESS_EVERY_NANOS;
        OodSegmenter segmenter = new OodSegmenter(settings.segments(), settings.framePeriod(),
                s -> {
                    segmentCount++;
                    listener.segmentEnded(s, peakPicture);
                });
        listener.started(facts);
        Thread reader = new Thread(() -> read(listener), "nero-live-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                FrameModel.Slot slot = mailbox.take();
                if (slot == null) {
                    break;
                }
                try {
                    score(slot, segmenter, listener);
                } finally {
                    giveBack(slot);
                }
                long now = clock.nanoTime();
                if (now >= nextProgress) {
                    listener.progress(stats(now, RECENT));
                    nextProgress = now + PROGRESS_EVERY_NANOS;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        } finally {
            joinReader(reader);
        }
        segmenter.finish();
        // the rate is over the time frames were scored: a stream's silent read time-out at the end is not part of it
        WatchStats stats = stats(scored > 0 ? lastVerdict : clock.nanoTime(), Integer.MAX_VALUE);
        LiveFrameSource.End why = stopRequested ? LiveFrameSource.End.STOPPED : readerFailure != null
                ? LiveFrameSource.End.FAILED : feed.end() == null ? LiveFrameSource.End.FINISHED : feed.end();
        String detail = why == LiveFrameSource.End.STOPPED ? null : readerFailure != null
                ? readerFailure.getMessage() + String.format(Locale.ROOT, " after t=%.2f s", lastSeenSeconds)
                : feed.endDetail();
        TimelinePicture.Data timeline = new TimelinePicture.Data(settings.sourceName(),
                Arrays.copyOf(times, (int) scored), Arrays.copyOf(scores, (int) scored), model.threshold(),
                segmenter.segments(), strip.thumbnails(), lastSeenSeconds + settings.framePeriod());
        WatchSummary summary = new WatchSummary(facts, why, detail, stats, latencies.percentile(95),
                latencies.percentile(99), segmenter.segments(), segmenter.blips(), timeline);
        listener.finished(summary);
        return summary;
    }

    private void score(FrameModel.Slot slot, OodSegmenter segmenter, WatchListener listener) {
        String id = String.format(Locale.ROOT, "%s#frame=%d@t=%.3fs", settings.sourceName(), slot.frame,
                slot.seconds);
        Reports.ScoreRow row;
        try {
            row = model.score(slot, id);
        } catch (InvalidInputException e) {
            unscorable++;
            listener.frameSkipped(slot.frame, slot.seconds, e.getMessage());
            return;
        }
        lastVerdict = clock.nanoTime();
        double latencyMs = (lastVerdict - slot.arrivalNanos) / 1e6;
        latencies.add(latencyMs);
        record(slot.seconds, row.neroScore());
        scored++;
        if (row.ood()) {
            oodFrames++;
        }
        boolean newPeak = segmenter.accept(slot.frame, slot.seconds, row.neroScore(), row.ood());
        boolean thumbnail = strip.wants(slot.seconds);
        int[] pixels = newPeak || thumbnail ? model.pixels(slot) : null;
        if (pixels != null) {
            int[] size = model.pictureSize();
            if (newPeak) {
                peakPicture = new TimelinePicture.Thumbnail(slot.seconds, pixels, size[0], size[1], slot.aspect);
            }
            if (thumbnail) {
                strip.add(ThumbnailStrip.halfSize(slot.seconds, pixels, size[0], size[1], slot.aspect));
            }
        }
        listener.frameScored(new FrameResult(slot.frame, slot.seconds, row, latencyMs));
    }

    private void record(double seconds, double score) {
        int n = (int) scored;
        if (n == times.length) {
            times = Arrays.copyOf(times, n * 2);
            scores = Arrays.copyOf(scores, n * 2);
        }
        times[n] = seconds;
        scores[n] = score;
    }

    /** {@code latencies}: how many of the last latencies the p50 covers. */
    private WatchStats stats(long now, int latencies) {
        Long first = firstArrival;
        double elapsed = first == null ? 0 : Math.max(0, (now - first) / 1e9);
        return new WatchStats(seen, scored, dropped, skipped, damaged, unscorable, oodFrames, segmentCount,
                lastSeenSeconds, elapsed, elapsed > 0 ? scored / elapsed : 0, this.latencies.percentile(50, latencies));
    }

    /** The reading thread: decode → select → (pace) → prepare → hand over. */
    private void read(WatchListener listener) {
        double firstSeconds = Double.NaN;
        long paceStart = 0;
        try {
            while (!stopRequested) {
                LiveFrameSource.Frame f = feed.next();
                if (f == null) {
                    break;
                }
                seen++;
                lastSeenSeconds = f.seconds();
                if (firstArrival == null) {
                    firstArrival = f.arrivalNanos();
                }
                if (!settings.selection().take(f.number(), f.seconds())) {
                    skipped++;
                    continue;
                }
                if (f.damage() != null) {
                    damaged++;
                    continue;
                }
                long arrival = f.arrivalNanos();
                if (settings.paced()) {
                    if (Double.isNaN(firstSeconds)) {
                        firstSeconds = f.seconds();
                        paceStart = clock.nanoTime();
                    }
                    long due = paceStart + (long) ((f.seconds() - firstSeconds) * 1e9);
                    if (!waitUntil(due)) {
                        break;
                    }
                    arrival = Math.max(due, Math.min(arrival, clock.nanoTime()));
                }
                FrameModel.Slot slot = takeFree();
                slot.frame = f.number();
                slot.seconds = f.seconds();
                slot.arrivalNanos = arrival;
                slot.aspect = f.displayHeight() > 0 ? (double) f.displayWidth() / f.displayHeight() : 0;
                model.prepare(f, slot);
                if (slot.picture != null) {
                    listener.pictureArrived(slot.frame, slot.seconds, slot.picture);
                }
                FrameModel.Slot replaced = mailbox.put(slot);
                if (replaced == slot) {
                    break; // closed: stopped
                }
                if (replaced != null) {
                    dropped++;
                    giveBack(replaced);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | OutOfMemoryError e) {
            readerFailure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            mailbox.close(stopRequested);
        }
    }

    /** Waits until the clock reaches {@code due}; false when stopped meanwhile. */
    private boolean waitUntil(long due) throws InterruptedException {
        long wait;
        while ((wait = due - clock.nanoTime()) > 0) {
            if (stopped.await(wait, TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return !stopRequested;
    }

    private synchronized FrameModel.Slot takeFree() {
        FrameModel.Slot s = free.poll();
        return s != null ? s : new FrameModel.Slot();
    }

    private synchronized void giveBack(FrameModel.Slot s) {
        s.picture = null;
        if (free.size() < 3) {
            free.push(s);
        }
    }

    private void joinReader(Thread reader) {
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
