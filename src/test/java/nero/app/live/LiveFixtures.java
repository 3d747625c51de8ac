package nero.app.live;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nero.app.NeroWorkflow;
import nero.app.Requests;
import nero.core.ProgressListener;
import org.junit.jupiter.api.Assumptions;

/** A detector fitted once per test JVM on the committed sample data, and the sample video. */
final class LiveFixtures {
    static final Path SAMPLE = Path.of("sample-data").toAbsolutePath().normalize();
    static final Path MODEL = SAMPLE.resolve("model/nero-sample.pt");
    /** 20 frames at 10 fps, 160×128 H.264: a cecum view turning into a polyp. */
    static final Path VIDEO = SAMPLE.resolve("video/cecum-to-polyp.mp4");
    private static Path detector;

    private LiveFixtures() {
    }

    static synchronized Path detector() {
        boolean present = Files.isRegularFile(MODEL) && Files.isRegularFile(VIDEO);
        if (!present && "1".equals(System.getenv("NERO_REQUIRE_FULL_TESTS"))) {
            fail("the sample model or video is missing and NERO_REQUIRE_FULL_TESTS=1");
        }
        Assumptions.assumeTrue(present, "the sample model or video is missing; test skipped");
        if (detector == null) {
            try {
                Path dir = Files.createTempDirectory("nero-live-test-");
                Path file = dir.resolve("sample.nero");
                new NeroWorkflow(ProgressListener.NONE).fit(new Requests.Fit(MODEL, SAMPLE.resolve("id/train"),
                        SAMPLE.resolve("id/val"), 0.95, file, null));
                detector = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return detector;
    }
}
