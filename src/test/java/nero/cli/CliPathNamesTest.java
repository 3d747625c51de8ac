package nero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files as users have them: names with ':' (timestamps), a web page saved as .jpg among the images. */
class CliPathNamesTest {
    @TempDir
    Path tmp;

    /** fiji Inputs.paths splits the input string on ':', so a file or folder name with a colon cannot be scored. */
    @Test
    void aPathWithAColonCanBeScored() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("2024-01-01 10:00"));
        Path image = Files.copy(SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("ood/polyp")),
                folder.resolve("still:1.jpg"));
        Cli.Result r = Cli.run("score", "--detector", SampleDetector.detector(), image);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains(image.toString()), r.toString());
    }

    /** A non-image named *.jpg is reported as skipped, not silently ignored (an empty one always was reported). */
    @Test
    void aFileNamedLikeAnImageThatIsNoImageIsReportedNotIgnored() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("mixed"));
        Files.copy(SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("ood/polyp")), folder.resolve("a.jpg"));
        Path fake = Files.writeString(folder.resolve("b.jpg"), "<html>an error page saved as .jpg</html>");
        Files.writeString(folder.resolve("notes.txt"), "not an input, left out quietly");
        Cli.Result r = Cli.run("score", "--detector", SampleDetector.detector(), folder);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains(fake.toString()), "the fake JPEG is reported as skipped\n" + r);
        assertTrue(!r.err().contains("notes.txt"), r.toString());
    }
}
