package nero.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executors' copies of model and detector: gone when the executor JVM ends; left by a killed one, and then
 * deleted by the next JVM that starts on the machine, never while their owner lives. Each case runs a real
 * executor JVM ({@link ExecutorFilesProbe}, local[1]) with its own temporary folder.
 */
class ExecutorScratchTest {
    @TempDir
    Path tmp;

    private Process executor(Path tmpdir, String mode, Path model) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")) {
                command.add(arg); // the module options Spark needs (spark.jvm.options)
            }
        }
        command.addAll(List.of("-Xmx512m", "-Djava.io.tmpdir=" + tmpdir, "-cp",
                System.getProperty("java.class.path"), ExecutorFilesProbe.class.getName(), mode, model.toString()));
        return new ProcessBuilder(command).redirectError(tmp.resolve(mode + ".err").toFile()).start();
    }

    /** The line the executor prints once its task has the model copy. */
    private Path copyOf(Process p, String mode) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("copy ")) {
                return Path.of(line.substring(5));
            }
        }
        throw new AssertionError(mode + " executor ended without a copy: " + Files.readString(tmp.resolve(mode
                + ".err")));
    }

    private static List<String> leftovers(Path tmpdir) throws IOException {
        try (Stream<Path> s = Files.list(tmpdir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains("nero-spark-files-")).sorted()
                    .toList();
        }
    }

    private Path model() throws IOException {
        return Files.write(tmp.resolve("model.pt"), new byte[1 << 20]);
    }

    /** Before, each executor left its nero-spark-files-* folder behind (deleteOnExit ran folder before file). */
    @Test
    void anExecutorThatEndsLeavesNoCopies() throws Exception {
        Path tmpdir = Files.createDirectories(tmp.resolve("exits"));
        Process p = executor(tmpdir, "exits", model());
        Path copy = copyOf(p, "exits");
        assertEquals(0, p.waitFor(), () -> tmp.resolve("exits.err").toString());
        assertTrue(copy.startsWith(tmpdir), copy.toString());
        assertEquals(List.of(), leftovers(tmpdir));
    }

    @Test
    void aKilledExecutorsCopiesAreDeletedByTheNextOneNeverWhileItLives() throws Exception {
        Path tmpdir = Files.createDirectories(tmp.resolve("killed"));
        Process p = executor(tmpdir, "killed", model());
        Path copy = copyOf(p, "killed");
        Path folder = tmpdir.resolve(tmpdir.relativize(copy).getName(0));
        assertEquals(1 << 20, Files.size(copy));

        ExecutorScratch.sweep(tmpdir); // another JVM starting while the executor lives
        assertTrue(Files.exists(copy), "a live executor's copy is kept");

        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        p.waitFor();
        assertEquals(List.of(folder.getFileName().toString()), leftovers(tmpdir));
        // as versions without the lock left them: a day-old one is deleted, a newer one may still be in use
        Path unlocked = Files.createDirectories(tmpdir.resolve("nero-spark-files-0123456789"));
        Files.write(unlocked.resolve("model.pt"), new byte[10]);
        Files.setLastModifiedTime(unlocked, FileTime.from(Instant.now().minus(Duration.ofHours(25))));
        Path recent = Files.createDirectories(tmpdir.resolve("nero-spark-files-9876543210"));

        ExecutorScratch.sweep(tmpdir); // the next JVM on this machine
        assertEquals(List.of(recent.getFileName().toString()), leftovers(tmpdir));
    }
}
