package nero.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTargetsTest {
    @TempDir
    Path tmp;

    @Test
    void aFileTargetMayBeNewOrExistingButNotAFolderNorInAMissingFolder() throws IOException {
        assertDoesNotThrow(() -> OutputTargets.checkFile(tmp.resolve("new.csv"), "score table"));
        Path existing = Files.writeString(tmp.resolve("old.csv"), "x");
        assertDoesNotThrow(() -> OutputTargets.checkFile(existing, "score table"));
        assertDoesNotThrow(() -> OutputTargets.checkFile(null, "score table"));

        InvalidInputException folder = assertThrows(InvalidInputException.class,
                () -> OutputTargets.checkFile(tmp, "score table"));
        assertTrue(folder.getMessage().contains(tmp + " is a folder"), folder.getMessage());
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> OutputTargets.checkFile(tmp.resolve("a/b.csv"), "score table"));
        assertTrue(missing.getMessage().contains(tmp.resolve("a") + " does not exist"), missing.getMessage());
    }

    @Test
    void aFolderTargetMayBeNewOrExistingButNotAFile() throws IOException {
        assertDoesNotThrow(() -> OutputTargets.checkFolder(tmp.resolve("new"), "vectors folder"));
        assertDoesNotThrow(() -> OutputTargets.checkFolder(tmp, "vectors folder"));
        Path file = Files.writeString(tmp.resolve("f"), "x");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OutputTargets.checkFolder(file, "vectors folder"));
        assertTrue(e.getMessage().contains("vectors folder " + file + " is a file"), e.getMessage());
        InvalidInputException orphan = assertThrows(InvalidInputException.class,
                () -> OutputTargets.checkFolder(tmp.resolve("no/such"), "output folder"));
        assertTrue(orphan.getMessage().contains(tmp.resolve("no") + " does not exist"), orphan.getMessage());
    }

    @Test
    void aFailedCsvWriteIsBadInputAndLeavesNoTemporaryFile() throws IOException {
        Path folderInTheWay = Files.createDirectories(tmp.resolve("scores.csv"));
        Files.writeString(folderInTheWay.resolve("keep"), "x");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ScoreCsv.write(folderInTheWay, List.of(), List.of()));
        assertTrue(e.getMessage().startsWith("cannot write " + folderInTheWay), e.getMessage());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(folderInTheWay), files.toList(), "only the folder that was in the way");
        }
    }
}
