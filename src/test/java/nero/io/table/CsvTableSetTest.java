package nero.io.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nero.core.FailingDisk;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables written as one set (--vectors' four, evaluate's two) are renamed only when every one of them is complete:
 * a disk that fails while the last table is completed leaves the previous set, not a mix of old and new files.
 */
class CsvTableSetTest {
    @TempDir
    Path dir;

    @Test
    void aTableThatCannotBeCompletedLeavesEveryTableOfTheSetAsItWas() throws Exception {
        Path first = Files.writeString(dir.resolve("index.csv"), "previous\n");
        Path second = Files.writeString(dir.resolve("features.csv"), "previous\n");
        CsvTables.RowWriter a = CsvTables.open(first, List.of("path"));
        CsvTables.RowWriter b;
        try (FailingDisk disk = FailingDisk.failingOnClose()) { // the second table's data never reach the disk
            b = CsvTables.open(second, List.of("f0"));
        }
        a.row(List.of("x.png"));
        b.row(List.of("1.0"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvTables.commitAll(List.of(a, b)));
        assertEquals("cannot write " + second + ": " + FailingDisk.BROKEN, e.getMessage());
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
