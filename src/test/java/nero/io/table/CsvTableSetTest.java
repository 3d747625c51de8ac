package nero.io.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables written as one set (--vectors' four, evaluate's two) are renamed only when every one of them is complete:
 * a disk that fills up while the last table is flushed leaves the previous set, not a mix of old and new files.
 */
class CsvTableSetTest {
    @TempDir
    Path dir;

    /** A file writer whose data stop fitting on the disk when it is flushed, as on a full disk. */
    private static Writer fullOnFlush(Path file) throws IOException {
        Writer real = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new Writer() {
            @Override
            public void write(char[] c, int off, int len) throws IOException {
                real.write(c, off, len);
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void close() throws IOException {
                real.close();
                throw new IOException("No space left on device");
            }
        };
    }

    @Test
    void aTableThatCannotBeCompletedLeavesEveryTableOfTheSetAsItWas() throws Exception {
        Path first = Files.writeString(dir.resolve("index.csv"), "previous\n");
        Path second = Files.writeString(dir.resolve("features.csv"), "previous\n");
        CsvTables.RowWriter a = CsvTables.open(first, List.of("path"));
        CsvTables.RowWriter b = CsvTables.open(second, List.of("f0"), CsvTableSetTest::fullOnFlush);
        a.row(List.of("x.png"));
        b.row(List.of("1.0"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvTables.commitAll(List.of(a, b)));
        assertTrue(e.getMessage().contains("features.csv") && e.getMessage().contains("No space left on device"),
                e.getMessage());
        a.close();
        b.close();
        assertEquals("previous\n", Files.readString(first), "the first table must not be replaced alone");
        assertEquals("previous\n", Files.readString(second));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }

    @Test
    void aCompleteSetReplacesEveryTable() throws Exception {
        Path first = Files.writeString(dir.resolve("index.csv"), "previous\n");
        Path second = dir.resolve("features.csv");
        try (CsvTables.RowWriter a = CsvTables.open(first, List.of("path"));
                CsvTables.RowWriter b = CsvTables.open(second, List.of("f0"))) {
            a.row(List.of("x.png"));
            b.row(List.of("1.0"));
            CsvTables.commitAll(List.of(a, b));
        }
        assertEquals("path\nx.png\n", Files.readString(first));
        assertEquals("f0\n1.0\n", Files.readString(second));
    }
}
