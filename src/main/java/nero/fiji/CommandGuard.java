package nero.fiji;

import ij.IJ;
import ij.macro.Interpreter;
import java.awt.GraphicsEnvironment;
import java.nio.file.InvalidPathException;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import nero.io.FileNameEncoding;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.ui.UIService;

/**
 * Runs a command body the way every NERO command needs it: with the thread context class loader set to the
 * plugin's (ImageJ 1 loads plugins through its own loader; SciJava and DJL look classes up through the TCCL), and
 * with user errors shown once, ImageJ's way, instead of a stack trace. A failed or cancelled run cancels the
 * command with the message (a cancelled one with an empty message), so callers (the command line, the ImageJ 1
 * shims) can tell it from success. Esc while a macro waits for the command ends that macro at once
 * ({@link EscapeWatch}).
 */
final class CommandGuard {
    static final String CANCELLED = "NERO: cancelled by the user";

    private CommandGuard() {
    }

    static void run(ContextCommand command, LogService log, Runnable body) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(command.getClass().getClassLoader());
        try (EscapeWatch escape = EscapeWatch.start()) {
            try {
                body.run();
            } catch (InvalidPathException e) { // a path that cannot be a file name here (the C locale, say)
                String why = FileNameEncoding.explain(e);
                throw new InvalidInputException(why != null ? why : e.getInput() + ": " + e.getReason(), e);
            }
        } catch (InvalidInputException e) {
            reportUserError(command, log, "NERO: " + e.getMessage());
            command.cancel(e.getMessage());
            stopCallingMacro(e.getMessage());
        } catch (ProgressListener.CancelledException e) {
            reportCancel(log);
            // An empty reason: the user knows why; SciJava shows a non-empty one as a warning dialog.
            command.cancel("");
            stopCallingMacro(CANCELLED);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * A failed command stops the macro that ran it, so its next lines never read a stale Results table. Fiji runs
     * the command on a SciJava thread while the macro waits in {@code run(...)}; marking the macro done (its error
     * was logged already, so without a second message) ends it after that statement, quietly. ImageJ's own
     * {@code abortMacro()} would stop the macro thread with {@code Thread.stop} from here and print a trace.
     */
    static void stopCallingMacro(String message) {
        Interpreter macro = Interpreter.getInstance();
        if (macro != null && !macro.done()) {
            macro.setIgnoreErrors(true);
            macro.abort(message);
        }
    }

    /** A Log line (and the status bar) in ImageJ, like ImageJ's own "Macro aborted"; the command line says it itself. */
    static void reportCancel(LogService log) {
        if (IJ.getInstance() != null || Interpreter.getInstance() != null) {
            IJ.log(CANCELLED);
            if (IJ.getInstance() != null) {
                IJ.showStatus(CANCELLED);
            }
        } else if (log != null) {
            log.debug(CANCELLED);
        }
    }

    /**
     * ImageJ's way: written to the Log whenever ImageJ or a macro is running, and one dialog when a person is at
     * the screen (not headless, not batch mode). In Fiji that dialog is SciJava's: it shows a cancelled command's
     * reason as a warning. Plain ImageJ 1 has no SciJava window, so the message box is ours; not {@code IJ.error},
     * which, while a macro waits in {@code run(...)}, aborts that macro by throwing in this (the command's) thread:
     * a "Macro Error" dialog and stack traces. On the command line the caller prints the message itself.
     */
    static void reportUserError(ContextCommand command, LogService log, String message) {
        boolean imageJ = IJ.getInstance() != null || Interpreter.getInstance() != null;
        if (imageJ) {
            IJ.log(message);
            if (!GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode() && IJ.getInstance() != null
                    && !sciJavaShowsWarnings(command)) {
                IJ.showMessage("NERO OOD", message);
            }
        } else if (log != null) {
            log.debug(message);
        }
    }

    private static boolean sciJavaShowsWarnings(ContextCommand command) {
        UIService ui = command.getContext() == null ? null : command.getContext().getService(UIService.class);
        return ui != null && !ui.isHeadless() && ui.isVisible();
    }
}
