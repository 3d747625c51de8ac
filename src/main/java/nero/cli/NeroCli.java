package nero.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import nero.io.FileNameEncoding;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./nero}. Exit codes: 0 ok, 2 bad usage or bad input, 1 internal error. */
@Command(name = "nero", mixinStandardHelpOptions = true, version = "NERO for Fiji 0.1.0",
        description = "Explainable out-of-distribution detection with neuron-level relevance (NERO).",
        subcommands = {DemoCli.class, FitCli.class, ScoreCli.class, ExplainCli.class, EvaluateCli.class,
            WatchCli.class, BenchCli.class, CommandLine.HelpCommand.class})
public final class NeroCli implements Callable<Integer> {
    static final int OK = 0;
    static final int INTERNAL_ERROR = 1;
    static final int BAD_INPUT = 2;

    /** No command: the usage goes to stderr and the exit status says nothing was done. */
    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return BAD_INPUT;
    }

    /** Killed by SIGPIPE, as the shell reports it: what a reader that stopped reading (`| head`) expects. */
    static final int READER_STOPPED = 141;

    public static void main(String[] args) {
        System.setOut(ResultStream.standardOutput());
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new NeroCli());
        cli.setExecutionExceptionHandler(NeroCli::handle);
        cli.setParameterExceptionHandler(NeroCli::handleUsage);
        int code = cli.execute(args);
        // PrintStream swallows write errors: a CSV sent to a full disk must not end as a success
        System.out.flush();
        if (code != OK || !System.out.checkError()) {
            return code;
        }
        if (System.out instanceof ResultStream results && results.readerStopped()) {
            return READER_STOPPED; // quietly, as other tools in a pipeline end
        }
        String reason = System.out instanceof ResultStream results && results.failure() != null
                ? results.failure().getMessage() : "write error";
        cli.getErr().println("nero: could not write to standard output (" + reason
                + "): the results printed there are incomplete");
        cli.getErr().flush();
        return BAD_INPUT;
    }

    /** Bad usage: one line naming the problem and where to find the options, not the whole help text. */
    private static int handleUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String command = cli.getCommandSpec().qualifiedName();
        String locale = FileNameEncoding.explain(e.getMessage()); // a path Java cannot name in the C locale
        cli.getErr().println("nero: " + (locale != null ? locale : oneLine(e.getMessage()) + " (see: " + command
                + " --help)"));
        return BAD_INPUT;
    }

    /** Messages from libraries sometimes span lines; the command line promises one line per error. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof InvalidInputException) {
            err.println("nero: " + oneLine(e.getMessage()));
            return BAD_INPUT;
        }
        if (e instanceof ProgressListener.CancelledException) {
            err.println("nero: cancelled");
            return BAD_INPUT;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                err.println("nero: out of memory (" + t.getMessage() + "); give Java more memory, e.g. "
                        + "NERO_JAVA_OPTS=-Xmx8g ./nero ..., or use fewer images per run");
                return INTERNAL_ERROR;
            }
        }
        err.println("nero: internal error: " + e);
        e.printStackTrace(err);
        return INTERNAL_ERROR;
    }
}
