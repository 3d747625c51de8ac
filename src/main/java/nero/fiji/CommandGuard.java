package nero.fiji;

import ij.IJ;
import ij.macro.Interpreter;
import java.awt.GraphicsEnvironment;
import java.nio.file.InvalidPathException;
import java.util.Map;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import nero.io.FileNameEncoding;
import org.scijava.command.CommandInfo;
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
    /** The title of every message box the commands open. */
    static final String DIALOG_TITLE = "NERO";

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
            boolean fijiWindow = sciJavaShowsWarnings(command);
            // From Fiji's dialog the message names the fields as the dialog labels them; a macro's, the keys.
            String message = fijiWindow && !IJ.isMacro() ? inFieldLabels(command, e.getMessage()) : e.getMessage();
            reportUserError(command, log, "NERO: " + message);
            // Fiji's window shows a cancelled command's reason as a second dialog, titled "ImageJ2": not there.
            command.cancel(fijiWindow ? "" : message);
            stopCallingMacro(message);
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
     * ImageJ's way: written to the Log whenever ImageJ or a macro is running, and one dialog titled "NERO" when a
     * person is at the screen (not headless, not batch mode); the command is then cancelled without a reason, so that
     * Fiji does not show the reason once more in a dialog of its own. Not {@code IJ.error},
     * which, while a macro waits in {@code run(...)}, aborts that macro by throwing in this (the command's) thread:
     * a "Macro Error" dialog and stack traces. On the command line the caller prints the message itself.
     */
    static void reportUserError(ContextCommand command, LogService log, String message) {
        boolean imageJ = IJ.getInstance() != null || Interpreter.getInstance() != null;
        if (imageJ) {
            IJ.log(message);
            if (!GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode() && IJ.getInstance() != null) {
                IJ.showMessage(DIALOG_TITLE, message);
            }
        } else if (log != null) {
            log.debug(message);
        }
    }

    /**
     * A message about a field ("detector: no such file …", "out_dir is required") in the words of the dialog the
     * person filled in ("Detector file: no such file …"); a macro's messages keep the keys the macro was written with.
     */
    static String inFieldLabels(ContextCommand command, String message) {
        if (message == null) {
            return null;
        }
        Map<String, String> labels = MacroKeys.labels(new CommandInfo(command.getClass()));
        for (Map.Entry<String, String> field : labels.entrySet()) {
            String key = field.getKey();
            if (message.startsWith(key + ":") || message.startsWith(key + " must ")
                    || message.startsWith(key + " is required")) {
                return field.getValue() + message.substring(key.length());
            }
        }
        return message;
    }

    private static boolean sciJavaShowsWarnings(ContextCommand command) {
        UIService ui = command.getContext() == null ? null : command.getContext().getService(UIService.class);
        return ui != null && !ui.isHeadless() && ui.isVisible();
    }
}
