package nero.spark;

import nero.core.InvalidInputException;

/** How a job ends on bad input: one line naming the file and the problem, exit status 2 (as the command line). */
final class JobFailure {
    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int BAD_INPUT = 2;

    private JobFailure() {
    }

    /** The bad-input cause of a failure, also when it happened in a task and came back wrapped by Spark. */
    static InvalidInputException badInput(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidInputException e) {
                return e;
            }
        }
        // A task's exception reaches the driver as a SparkException whose message holds the original's.
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            String marker = InvalidInputException.class.getName() + ": ";
            int at = m == null ? -1 : m.indexOf(marker);
            if (at >= 0) {
                String rest = m.substring(at + marker.length());
                int end = rest.indexOf('\n');
                return new InvalidInputException(end < 0 ? rest : rest.substring(0, end));
            }
        }
        return null;
    }

    /**
     * Runs a job's command line: exit status 0 when done, 2 with one line for bad input (usage errors as picocli
     * reports them), 1 with a stack trace only for internal errors.
     */
    static int run(String job, Object command, String[] args) {
        try {
            // answered inside the handler: picocli catches what a handler throws and prints its stack trace
            return new picocli.CommandLine(command).setExecutionExceptionHandler((e, cmd, parsed) -> report(job, e))
                    .execute(args);
        } catch (Exception | LinkageError e) {
            return report(job, e);
        }
    }

    private static int report(String job, Throwable e) {
        InvalidInputException bad = badInput(e);
        if (bad != null) {
            System.err.println("nero-spark " + job + ": " + bad.getMessage());
            return BAD_INPUT;
        }
        System.err.println("nero-spark " + job + ": internal error: " + e);
        e.printStackTrace();
        return INTERNAL;
    }
}
