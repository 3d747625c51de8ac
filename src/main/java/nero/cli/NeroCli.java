package nero.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./nero}. Exit codes: 0 ok, 2 bad usage or bad input, 1 internal error. */
@Command(name = "nero", mixinStandardHelpOptions = true, version = "NERO for Fiji 0.1.0",
        description = "Explainable out-of-distribution detection with neuron-level relevance (NERO).",
        subcommands = {CommandLine.HelpCommand.class})
public final class NeroCli implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new NeroCli()).execute(args);
    }
}
