package nero.core;

/** Receives progress of long work; {@link #isCancelled()} is polled between items so the work can stop early. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void progress(String stage, long done, long total) {
        }
    };

    /** {@code total} is −1 when unknown. */
    void progress(String stage, long done, long total);

    /**
     * A one-line note the user should see although the work goes on (an output folder that holds input images, say):
     * the Log in ImageJ, standard error on the command line.
     */
    default void warn(String message) {
    }

    default boolean isCancelled() {
        return false;
    }

    /** Throws {@link CancelledException} when the user asked to stop. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** Thrown when the user cancels long work; nothing half-written is left behind. */
    final class CancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CancelledException() {
            super("cancelled by the user");
        }
    }
}
