package nero.app.live;

/**
 * The one place between the reader and the scorer: holds at most one frame. A live source replaces a frame the
 * scorer has not taken yet with the newer one (the older is dropped, counted by the caller); a file played as fast
 * as possible waits until the scorer took the frame before it. Never more than one frame waits, so memory and
 * latency stay bounded however slow the model is.
 */
final class Mailbox {
    private final boolean dropWhenBehind;
    private FrameModel.Slot pending;
    private boolean closed;

    Mailbox(boolean dropWhenBehind) {
        this.dropWhenBehind = dropWhenBehind;
    }

    /**
     * Hands a frame to the scorer. Returns the frame it replaced (dropped; its slot may be reused), or null. When
     * not dropping, waits until the previous frame was taken; after {@link #close} the frame is given back.
     */
    synchronized FrameModel.Slot put(FrameModel.Slot slot) throws InterruptedException {
        if (!dropWhenBehind) {
            while (pending != null && !closed) {
                wait();
            }
        }
        if (closed) {
            return slot;
        }
        FrameModel.Slot replaced = pending;
        pending = slot;
        notifyAll();
        return replaced;
    }

    /** The newest frame, waiting for one; null once closed and empty. */
    synchronized FrameModel.Slot take() throws InterruptedException {
        while (pending == null && !closed) {
            wait();
        }
        FrameModel.Slot s = pending;
        pending = null;
        notifyAll();
        return s;
    }

    /** No more frames: the scorer takes what waits ({@code discard} false) or nothing, then ends. */
    synchronized void close(boolean discard) {
        closed = true;
        if (discard) {
            pending = null;
        }
        notifyAll();
    }
}
