package nero.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate's two tables are one set, as --vectors' four: a failed run never leaves new metrics beside old scores. */
class EvaluationFilesTest {
    @TempDir
    Path dir;

    @Test
    void aRunThatFailsPartWayLeavesThePreviousTablesUntouched() throws Exception {
        Files.writeString(dir.resolve(Reports.Evaluate.METRICS_CSV), "previous\n");
        Files.createDirectories(dir.resolve(Reports.Evaluate.SCORES_CSV)); // the second table cannot be written
        assertThrows(InvalidInputException.class, () -> EvaluationFiles.write(dir,
                List.of(new Reports.MethodMetrics("nero", 0.9, 0.1, 0.8, 0.7)), List.of("a"), List.of("b"),
                Map.of("nero", new double[] {1}), Map.of("nero", new double[] {2})));
        assertEquals("previous\n", Files.readString(dir.resolve(Reports.Evaluate.METRICS_CSV)));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary file left");
        }
    }
}
