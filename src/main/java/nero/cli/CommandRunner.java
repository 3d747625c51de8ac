package nero.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.event.EventService;
import org.scijava.log.LogLevel;
import org.scijava.log.LogService;
import org.scijava.module.ModuleService;

/**
 * Runs the plugin's SciJava commands headlessly, exactly as Fiji runs them, and turns their failures into the
 * command line's two kinds of error: bad input (a clear one-line message) or an internal error.
 */
final class CommandRunner implements AutoCloseable {
    private final Context context;
    private final CommandService commands;
    private final ModuleService modules;
    private final TerminalProgress progress;

    CommandRunner() {
        Thread.currentThread().setContextClassLoader(CommandRunner.class.getClassLoader());
        context = new Context(CommandService.class, LogService.class, StatusService.class, EventService.class);
        // The command line reports errors itself (one line for bad input); SciJava's own stack-trace log stays quiet.
        context.service(LogService.class).setLevel(LogLevel.NONE);
        commands = context.service(CommandService.class);
        modules = context.service(ModuleService.class);
        progress = TerminalProgress.enabled() ? new TerminalProgress(System.err) : null;
        if (progress != null) {
            context.service(EventService.class).subscribe(progress);
        }
    }

    /** Runs a command with the given inputs (field name → value) and returns the finished module. */
    CommandModule run(Class<? extends Command> commandClass, Map<String, Object> inputs) {
        return run(commandClass, inputs, Map.of(), command -> {
        });
    }

    /**
     * The same, for inputs the user typed as options: a message about a field ("ood_dir: no such folder …") names
     * the option instead ("--ood: no such folder …"), given field name → option name. {@code prepare} hands the
     * new command, before it runs, the typed values that are no text field (the command line's list of paths).
     */
    <C extends Command> CommandModule run(Class<C> commandClass, Map<String, Object> inputs,
            Map<String, String> options, Consumer<? super C> prepare) {
        try {
            return runCommand(commandClass, inputs, prepare);
        } catch (InvalidInputException e) {
            throw inOptionTerms(e, options);
        }
    }

    static InvalidInputException inOptionTerms(InvalidInputException e, Map<String, String> options) {
        String message = e.getMessage();
        for (Map.Entry<String, String> o : options.entrySet()) {
            String key = o.getKey();
            // only where the message is about the field itself: "key: …", "key must …", "key is required"
            if (message != null && (message.startsWith(key + ":") || message.startsWith(key + " must ")
                    || message.startsWith(key + " is required"))) {
                return new InvalidInputException(o.getValue() + message.substring(key.length()), e);
            }
        }
        return e;
    }

    private <C extends Command> CommandModule runCommand(Class<C> commandClass, Map<String, Object> inputs,
            Consumer<? super C> prepare) {
        Map<String, Object> clean = new LinkedHashMap<>();
        inputs.forEach((k, v) -> {
            if (v != null) {
                clean.put(k, v);
            }
        });
        CommandModule module;
        // Libraries print to standard output (ImageJ's "Error loading image", decoder notes); the command line's
        // standard output carries only its results (score prints CSV there), so their chatter goes to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            CommandInfo info = commands.getCommand(commandClass);
            module = (CommandModule) modules.createModule(info != null ? info : new CommandInfo(commandClass));
            prepare.accept(commandClass.cast(module.getCommand()));
            module = (CommandModule) modules.run(module, true, clean).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProgressListener.CancelledException();
        } catch (ExecutionException e) {
            throw unwrap(e);
        } finally {
            System.setOut(stdout);
            if (progress != null) {
                progress.clear();
            }
        }
        if (module == null) {
            throw new IllegalStateException("the plugin command " + commandClass.getName() + " is not installed");
        }
        if (module.isCanceled()) {
            String reason = module.getCancelReason();
            if (reason == null || reason.isEmpty()) {
                throw new ProgressListener.CancelledException(); // the commands cancel with no reason when stopped
            }
            throw new InvalidInputException(reason);
        }
        return module;
    }

    private static RuntimeException unwrap(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException || t instanceof ProgressListener.CancelledException) {
                return (RuntimeException) t;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof RuntimeException ? (RuntimeException) root : new IllegalStateException(root);
    }

    @Override
    public void close() {
        context.dispose();
    }
}
