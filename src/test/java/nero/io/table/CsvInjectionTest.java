package nero.io.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text a spreadsheet would run as a formula is written as text; numbers are written as numbers. */
class CsvInjectionTest {
    @TempDir
    Path dir;

    @Test
    void formulaCellsGetALeadingApostropheAndNumbersStayNumbers() throws Exception {
        Path csv = dir.resolve("t.csv");
        CsvTables.write(csv, List.of("a", "b", "c", "d", "e", "f", "g", "h"), List.of(List.of("=HYPERLINK(\"x\")",
                "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3", "-0.25", "-Infinity", "\tTAB", "cecum/a=b.png")));
        assertEquals(List.of("a,b,c,d,e,f,g,h",
                "\"'=HYPERLINK(\"\"x\"\")\",'@SUM(A1),'+cmd|' /C calc'!A0,'-2+3,-0.25,-Infinity,'\tTAB,cecum/a=b.png"),
                Files.readAllLines(csv));
        StringBuilder out = new StringBuilder();
        CsvTables.print(out, List.of("path"), List.of(List.of("=1+1")));
        assertEquals("path\n'=1+1\n", out.toString());
    }
}
