package nero.cli;

import java.io.PrintStream;
import org.scijava.app.event.StatusEvent;
import org.scijava.event.EventHandler;

/**
 * Shows the commands' progress (the status messages Fiji puts in its status bar) as one self-overwriting line on
 * stderr, so a long fit or score on a terminal is not silent. The launcher turns it on only when stderr is a
 * terminal ({@code -Dnero.progress=true}); logs and pipes get no progress lines.
 */
final class TerminalProgress {
    static final String ENABLED = "nero.progress";
    private static final long MIN_INTERVAL_NANOS = 200_000_000L;

    private final PrintStream err;
    private long lastShown;
    private int lastWidth;

    TerminalProgress(PrintStream err) {
        this.err = err;
    }

    static boolean enabled() {
        return Boolean.getBoolean(ENABLED);
    }

    @EventHandler
    synchronized void onStatus(StatusEvent event) {
        String message = event.getStatusMessage();
        long now = System.nanoTime();
        boolean last = event.getProgressMaximum() > 0 && event.getProgressValue() >= event.getProgressMaximum();
        if (message == null || message.isBlank() || (!last && now - lastShown < MIN_INTERVAL_NANOS)) {
            return;
        }
        lastShown = now;
        show("nero: " + message.strip());
    }

    /** Clears the progress line before the command's own output is printed. */
    synchronized void clear() {
        if (lastWidth > 0) {
            show("");
            err.print('\r');
            err.flush();
            lastWidth = 0;
        }
    }

    private void show(String line) {
        String padded = line.length() < lastWidth ? line + " ".repeat(lastWidth - line.length()) : line;
        err.print('\r' + padded);
        err.flush();
        lastWidth = line.length();
    }
}
