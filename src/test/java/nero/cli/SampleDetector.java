package nero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The committed sample data, and one detector fitted on it through the command line once per test JVM (NERO's
 * defaults need more than ⌊2D/3⌋ = 170 training images, so the whole sample training set is used).
 */
final class SampleDetector {
    static final Path SAMPLE = Path.of("sample-data").toAbsolutePath().normalize();
    static final Path MODEL = SAMPLE.resolve("model/nero-sample.pt");
    static final Path TRAIN = SAMPLE.resolve("id/train");
    static final Path VAL = SAMPLE.resolve("id/val");

    private static Path dir;

    private SampleDetector() {
    }

    static void requireSampleData() {
        boolean present = Files.isRegularFile(MODEL);
        if (!present && "1".equals(System.getenv("NERO_REQUIRE_FULL_TESTS"))) {
            throw new AssertionError("the sample model " + MODEL + " is missing and NERO_REQUIRE_FULL_TESTS=1");
        }
        Assumptions.assumeTrue(present, "the sample model " + MODEL + " is missing; test skipped");
    }

    /** Folder holding {@code detector.nero} and the fit's {@code vectors/}. */
    static synchronized Path dir() {
        requireSampleData();
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("nero-cli-test-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(d)));
                Cli.Result fit = Cli.run("fit", "--model", MODEL, "--train", TRAIN, "--val", VAL, "--out",
                        d.resolve("detector.nero"), "--vectors", d.resolve("vectors"));
                assertEquals(0, fit.code(), fit.toString());
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    static Path detector() {
        return dir().resolve("detector.nero");
    }

    static Path firstFile(Path folder) {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
