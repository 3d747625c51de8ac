package nero.fiji;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nero.app.NeroWorkflow;
import nero.app.Requests;
import nero.core.ProgressListener;

/** A detector fitted once per test JVM on the committed sample data (for the stack, video and watch commands). */
final class FittedSample {
    private static Path detector;

    private FittedSample() {
    }

    static synchronized Path detector() {
        TestData.requireSampleData();
        if (detector == null) {
            try {
                Path dir = Files.createTempDirectory("nero-fiji-frames-");
                Path file = dir.resolve("sample.nero");
                new NeroWorkflow(ProgressListener.NONE).fit(new Requests.Fit(TestData.MODEL,
                        TestData.SAMPLE.resolve("id/train"), TestData.SAMPLE.resolve("id/val"), 0.95, file, null));
                detector = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return detector;
    }
}
