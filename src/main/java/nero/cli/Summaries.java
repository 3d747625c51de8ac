package nero.cli;

import java.io.PrintStream;
import java.util.regex.Pattern;

/**
 * A command's summary on the command line: what it did goes to standard output, its skip list ("skipped N
 * file(s):" and the indented "path: reason" lines below it) to standard error, as docs/cli.md promises; in Fiji
 * both stay together in the Log.
 */
final class Summaries {
    private static final Pattern SKIP_HEADER = Pattern.compile("skipped \\d+ file\\(s\\):");

    private Summaries() {
    }

    static void print(Object summary, PrintStream results, PrintStream messages) {
        boolean inSkipList = false;
        for (String line : String.valueOf(summary).split("\\R", -1)) {
            if (SKIP_HEADER.matcher(line).matches()) {
                inSkipList = true;
            } else if (inSkipList && !line.startsWith("  ")) {
                inSkipList = false;
            }
            (inSkipList ? messages : results).println(line);
        }
    }

    static void print(Object summary) {
        print(summary, System.out, System.err);
    }
}
