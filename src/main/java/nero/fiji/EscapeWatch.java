package nero.fiji;

import ij.IJ;
import ij.macro.Interpreter;

/**
 * Ends the macro that called a command as soon as the user presses Esc in ImageJ, so that ImageJ does not kill the
 * macro's thread. ImageJ answers Esc by aborting the running macro and then, on the event thread, waits up to two
 * seconds for that macro to end before it stops the macro's thread ({@code Thread.stop}; ImageJ then shows a
 * ThreadDeath "Exception" window). A macro waiting in {@code run(...)} for a SciJava command cannot end before the
 * command does, and the command cannot end while the event thread waits: SciJava announces a module's end on the
 * event thread. Ended here, the macro is marked done (it runs no further line) and the event thread is free at once;
 * the command stops at its next cancellation check ({@link StatusProgress} reads the same Esc).
 */
final class EscapeWatch implements AutoCloseable {
    private static final long POLL_MILLIS = 25;

    private final Thread thread;

    private EscapeWatch(Thread thread) {
        this.thread = thread;
    }

    /**
     * Clears an earlier Esc and, when a macro in an ImageJ with windows is waiting for this command, watches for
     * a new one until {@link #close()}.
     */
    static EscapeWatch start() {
        IJ.resetEscape();
        if (IJ.getInstance() == null || Interpreter.getInstance() == null) {
            return new EscapeWatch(null); // no window to press Esc in, or no macro to end
        }
        // The name must not end in "Macro$": ImageJ stops every thread so named when it aborts macros.
        Thread watcher = new Thread(EscapeWatch::watch, "NERO Esc watch");
        watcher.setDaemon(true);
        watcher.start();
        return new EscapeWatch(watcher);
    }

    private static void watch() {
        try {
            while (!IJ.escapePressed()) {
                Thread.sleep(POLL_MILLIS);
            }
            Interpreter macro = Interpreter.getInstance();
            if (macro != null) {
                macro.setIgnoreErrors(true); // ended quietly: the command logs that it was cancelled
                macro.abort(CommandGuard.CANCELLED);
            }
        } catch (InterruptedException e) {
            // the command ended first
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
