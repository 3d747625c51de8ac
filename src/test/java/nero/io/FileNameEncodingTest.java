package nero.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which listed names this Java can open (in a UTF-8 JVM; the C locale is AnyLocaleCliTest's, in a JVM of its own). */
class FileNameEncodingTest {
    @TempDir
    Path dir;

    @Test
    void utf8NamesAreUsableAndLatin1BytesAreNot() throws Exception {
        Assumptions.assumeFalse(FileNameEncoding.asciiOnly(), "this test JVM runs in the C locale");
        Path plain = Files.writeString(dir.resolve("plain.jpg"), "x");
        Path accented = Files.writeString(dir.resolve("clâss-ölçü-café.jpg"), "x");
        Process p = new ProcessBuilder("bash", "-c", "touch \"$0\"/$'l\\xe9t\\xe9.jpg'", dir.toString()).start();
        assertEquals(0, p.waitFor());
        Path latin1;
        try (Stream<Path> s = Files.list(dir)) {
            latin1 = s.filter(f -> f.getFileName().toString().startsWith("l")).findFirst().orElseThrow();
        }
        assertFalse(FileNameEncoding.hasNonAsciiName(plain));
        assertTrue(FileNameEncoding.hasNonAsciiName(accented));
        for (Path usable : List.of(plain, accented)) {
            assertNull(FileNameEncoding.whyUnusable(usable), usable.toString());
        }
        assertEquals("the file name is not valid UTF-8 (this Java's file-name encoding), so it cannot be opened by"
                + " name: rename the file in UTF-8 (convmv does it for a folder)", FileNameEncoding.whyUnusable(latin1));
        assertFalse(Files.exists(Path.of(latin1.toString())), "Java indeed cannot name it again from its text");
    }
}
