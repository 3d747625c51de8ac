package nero.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vectors are written as one set: a run that fails part-way leaves the previous set, never a mix. */
class VectorFilesTest {
    @TempDir
    Path dir;

    private static FeatureSet two() {
        return new FeatureSet(new String[] {"a.png", "b.png"}, new float[][] {{1, 2}, {3, 4}},
                new float[][] {{0.5f, -0.5f}, {1, 0}}, new int[] {0, 1});
    }

    @Test
    void aCompleteRunWritesAllFour() throws Exception {
        VectorFiles.write(dir, two(), List.of("x", "y"), new float[][] {{1, 2, 3}, {4, 5, 6}});
        for (String name : List.of("index.csv", "features.csv", "logits.csv", "relevance.csv")) {
            assertEquals(3, Files.readAllLines(dir.resolve(name)).size(), name);
        }
    }

    @Test
    void aRunThatFailsPartWayLeavesThePreviousSetUntouched() throws Exception {
        Files.writeString(dir.resolve("index.csv"), "previous\n");
        Files.writeString(dir.resolve("features.csv"), "previous\n");
        Files.createDirectories(dir.resolve("relevance.csv")); // the last file of the set cannot be written
        assertThrows(InvalidInputException.class,
                () -> VectorFiles.write(dir, two(), List.of("x", "y"), new float[][] {{1, 2, 3}, {4, 5, 6}}));
        assertEquals("previous\n", Files.readString(dir.resolve("index.csv")));
        assertEquals("previous\n", Files.readString(dir.resolve("features.csv")));
        assertFalse(Files.exists(dir.resolve("logits.csv")));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary file left");
        }
    }
}
