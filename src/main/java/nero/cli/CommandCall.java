package nero.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;

/**
 * One run of a plugin command from the command line: its inputs by field name, each with the option the user typed
 * it as (so that a message about a field names the option), and what the command takes as a typed value rather
 * than as a field. Paths become the absolute files the commands' File fields hold.
 */
final class CommandCall<C extends Command> {
    private final Class<C> command;
    private final Map<String, Object> inputs = new LinkedHashMap<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private Consumer<? super C> prepare = c -> {
    };

    private CommandCall(Class<C> command) {
        this.command = command;
    }

    static <C extends Command> CommandCall<C> of(Class<C> command) {
        return new CommandCall<>(command);
    }

    /** The input {@code field}, typed as {@code option} (null for none); a null value leaves the field's default. */
    CommandCall<C> input(String field, String option, Object value) {
        inputs.put(field, value instanceof Path p ? p.toAbsolutePath().normalize().toFile() : value);
        if (option != null) {
            options.put(field, option);
        }
        return this;
    }

    /** The options several commands share (a mixin), each under the field it stands for. */
    CommandCall<C> with(SharedOptions shared) {
        shared.addTo(this);
        return this;
    }

    /**
     * Hands the command, before it runs, a typed value that stands for the text field {@code field} (the list of
     * paths to score instead of {@code input}); messages about {@code field} name {@code option}.
     */
    CommandCall<C> prepare(String field, String option, Consumer<? super C> preparation) {
        options.put(field, option);
        prepare = preparation;
        return this;
    }

    CommandModule run(CommandRunner runner) {
        return runner.run(command, inputs, options, prepare);
    }

    /** Runs the command in a runner of its own and prints its summary ({@link Summaries}). */
    void runAndPrintSummary() {
        try (CommandRunner runner = new CommandRunner()) {
            Summaries.print(run(runner).getOutput("summary"));
        }
    }
}
