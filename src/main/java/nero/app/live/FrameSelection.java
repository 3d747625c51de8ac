package nero.app.live;

/** Which decoded frames are scored: all, every N-th (by frame number), or at most F per second of the stream. */
final class FrameSelection {
    private final int every;
    private final double fps;
    private long lastSlot = Long.MIN_VALUE;

    FrameSelection(int every, double fps) {
        this.every = Math.max(1, every);
        this.fps = fps;
    }

    boolean take(long frameNumber, double seconds) {
        if (fps > 0) {
            long slot = (long) Math.floor(seconds * fps + 1e-9);
            if (slot <= lastSlot) {
                return false;
            }
            lastSlot = slot;
            return true;
        }
        return (frameNumber - 1) % every == 0;
    }

    /** Seconds between scored frames for a stream at {@code streamFps} (0 when unknown: 25 is assumed). */
    double period(double streamFps) {
        double base = 1 / (streamFps > 0 ? streamFps : 25);
        if (fps > 0) {
            return Math.max(base, 1 / fps);
        }
        return base * every;
    }
}
