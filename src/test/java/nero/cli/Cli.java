package nero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Runs {@code nero ARGS} in this JVM and captures its exit code, standard output and standard error. */
final class Cli {
    record Result(int code, String out, String err) {
        /**
         * Stderr lines, without DJL's own log lines: the launcher silences them (-Dorg.slf4j.simpleLogger...=error),
         * but in a test JVM shared with other test classes DJL's logger may already be configured.
         */
        List<String> errLines() {
            return err.lines().filter(l -> !DJL_LOG.matcher(l).find()).toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    private static final Pattern DJL_LOG =
            Pattern.compile("^\\[[^\\]]+\\] (WARN|INFO) ai\\.djl\\.");

    private Cli() {
    }

    static synchronized Result run(Object... args) {
        String[] text = Stream.of(args).map(String::valueOf).toArray(String[]::new);
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            code = NeroCli.execute(text);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The command line's promise for bad input: exit 2, exactly one line on stderr starting with "nero: " that
     * contains every expected fragment (the file, the problem), no stack trace, nothing on stdout.
     */
    static void assertBadInput(Result r, String... fragments) {
        assertEquals(2, r.code(), r.toString());
        // the first video a JVM opens adds one line naming the video decoder (docs/cli.md): not part of the error
        List<String> lines = r.errLines().stream().filter(l -> !l.startsWith("NERO: video decoding with ")).toList();
        assertEquals(1, lines.size(), "one line on stderr expected\n" + r);
        String line = lines.get(0);
        assertTrue(line.startsWith("nero: "), r.toString());
        assertFalse(line.contains("internal error"), r.toString());
        for (String f : fragments) {
            assertTrue(line.contains(f), "stderr should contain '" + f + "'\n" + r);
        }
        assertEquals("", r.out(), "nothing on stdout for bad input\n" + r);
    }

    /** Every file under {@code dir} (relative paths, sorted), to check that a failed job left nothing behind. */
    static List<String> filesUnder(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
