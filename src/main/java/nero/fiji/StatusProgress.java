package nero.fiji;

import ij.IJ;
import ij.macro.Interpreter;
import java.util.function.BooleanSupplier;
import nero.core.ProgressListener;
import org.scijava.app.StatusService;

/**
 * Reports the workflow's progress to SciJava's status service (Fiji's status bar) and, when ImageJ 1 runs with a
 * window, to its status bar; the work is cancelled by Esc in ImageJ (pressed since the command started) or by
 * cancelling the command.
 */
public final class StatusProgress implements ProgressListener {
    private final StatusService status;
    private final BooleanSupplier commandCancelled;

    /** {@code status} may be null (a minimal context); {@code commandCancelled} is polled with Esc. */
    public StatusProgress(StatusService status, BooleanSupplier commandCancelled) {
        this.status = status;
        this.commandCancelled = commandCancelled; // an earlier Esc was cleared when the command started (EscapeWatch)
    }

    @Override
    public void progress(String stage, long done, long total) {
        // One text for both status bars (Fiji shows the SciJava one in ImageJ's), whichever is painted last; a total
        // that turned out too small (a TIFF with several pages) gives way to the count alone.
        if (done > total) {
            total = -1;
        }
        String message = "NERO: " + (total > 0 ? stage + " " + done + "/" + total : stage + " " + done);
        if (status != null) {
            if (total > 0) {
                status.showStatus((int) Math.min(done, Integer.MAX_VALUE), (int) Math.min(total, Integer.MAX_VALUE), message);
            } else {
                status.showStatus(message);
            }
        }
        if (IJ.getInstance() != null) {
            IJ.showStatus(message);
            if (total > 0) {
                IJ.showProgress(done / (double) total);
            }
        }
    }

    /** ImageJ's Log when ImageJ or a macro runs; else (the command line) standard error. */
    @Override
    public void warn(String message) {
        if (IJ.getInstance() != null || Interpreter.getInstance() != null) {
            IJ.log("NERO: warning: " + message);
        } else {
            System.err.println("nero: warning: " + message);
        }
    }

    @Override
    public boolean isCancelled() {
        return IJ.escapePressed() || commandCancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    /** Clears the status bar and progress bar at the end of a run. */
    public void finish() {
        if (status != null) {
            status.clearStatus();
        }
        if (IJ.getInstance() != null) {
            IJ.showProgress(1.0);
            IJ.showStatus("");
        }
    }
}
