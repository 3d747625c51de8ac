package nero.io.video;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nero.core.ProgressListener;

/**
 * Runs a video stream's decoding on its own thread with a time limit per picture. JCodec's H.264 decoder can loop
 * for ever on a picture whose data stops early (a transport stream cut at a packet boundary, a damaged recording);
 * without a limit one such file would stall a whole batch. A picture normally takes milliseconds, so a stuck one is
 * reported as a damaged video and the stream ends there, after the stills decoded before it.
 */
final class WatchedFrameStream implements VideoFrameStream {
    /** Start of the message when the decoder did not come back. */
    static final String STUCK = "the decoder got stuck on a damaged picture";
    /** Seconds one picture may take; a system property so that tests need not wait long. */
    static final String LIMIT_PROPERTY = "nero.video.pictureTimeLimitSeconds";
    private static final double DEFAULT_LIMIT_SECONDS = 30;

    private final VideoFrameStream inner;
    private final ExecutorService worker;
    private final long limitNanos;
    private Thread workerThread;
    private boolean stuck;

    WatchedFrameStream(VideoFrameStream inner) {
        this.inner = inner;
        this.limitNanos = (long) (limitSeconds() * 1e9);
        ClassLoader loader = WatchedFrameStream.class.getClassLoader();
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nero-video-decode");
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            workerThread = t;
            return t;
        });
    }

    private static double limitSeconds() {
        try {
            double s = Double.parseDouble(System.getProperty(LIMIT_PROPERTY, ""));
            return s > 0 ? s : DEFAULT_LIMIT_SECONDS;
        } catch (NumberFormatException e) {
            return DEFAULT_LIMIT_SECONDS;
        }
    }

    @Override
    public Frame next() throws IOException {
        if (stuck) {
            return null;
        }
        Future<Frame> decoded = worker.submit(inner::next);
        try {
            return decoded.get(limitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stuck = true;
            abandonWorker();
            String seconds = java.math.BigDecimal.valueOf(limitNanos / 1e9).stripTrailingZeros().toPlainString();
            throw new IllegalStateException(STUCK + " (no picture after " + seconds + " s; a file cut short or damaged)");
        } catch (InterruptedException e) {
            decoded.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProgressListener.CancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * The stuck thread never reads an interrupt. Thread.stop is the only way to end it; its danger, objects left
     * half-updated, concerns only this decoder, which is never used again. Java 20+ refuses stop: the daemon thread
     * then spins until the JVM exits, at the lowest priority.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private void abandonWorker() {
        worker.shutdownNow();
        Thread t = workerThread;
        if (t == null) {
            return;
        }
        t.setPriority(Thread.MIN_PRIORITY);
        try {
            t.stop();
        } catch (UnsupportedOperationException | SecurityException e) {
            // left running, see above
        }
    }

    @Override
    public StreamFormat format() {
        return inner.format();
    }

    @Override
    public void close() throws IOException {
        worker.shutdownNow();
        if (!stuck) {
            inner.close();
            return;
        }
        try {
            inner.close(); // the channel; the decoder thread no longer reads from it
        } catch (IOException | RuntimeException e) {
            // the stream is abandoned anyway
        }
    }
}
