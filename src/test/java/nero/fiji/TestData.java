package nero.fiji;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the committed sample data lives, and the rule for tests that need it or a host tool. */
final class TestData {
    static final Path SAMPLE = Path.of("sample-data").toAbsolutePath().normalize();
    static final Path MODEL = SAMPLE.resolve("model/nero-sample.pt");

    private TestData() {
    }

    static boolean fullTestsRequired() {
        return "1".equals(System.getenv("NERO_REQUIRE_FULL_TESTS"));
    }

    /** Skips the test when {@code available} is false, or fails it when NERO_REQUIRE_FULL_TESTS=1. */
    static void require(boolean available, String what) {
        if (!available && fullTestsRequired()) {
            fail(what + " is missing and NERO_REQUIRE_FULL_TESTS=1");
        }
        Assumptions.assumeTrue(available, what + " is missing; test skipped");
    }

    static void requireSampleData() {
        require(Files.isRegularFile(MODEL), "the sample model " + MODEL);
    }
}
