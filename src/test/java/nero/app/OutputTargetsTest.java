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
        assertDoesNotThrow(() -> OutputTargets.checkFolder(tmp.resolve("new"), "vectors folder", false));
        assertDoesNotThrow(() -> OutputTargets.checkFolder(tmp, "vectors folder", false));
        Path file = Files.writeString(tmp.resolve("f"), "x");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OutputTargets.checkFolder(file, "vectors folder", false));
        assertTrue(e.getMessage().contains("vectors folder " + file + " is a file"), e.getMessage());
        InvalidInputException orphan = assertThrows(InvalidInputException.class,
                () -> OutputTargets.checkFolder(tmp.resolve("no/such"), "output folder", true));
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

    @Test
    void specialFilesAndLinksAreRefusedWithoutBeingTouched() throws Exception {
        // /dev/null is only checked here, never written: a rename over it would replace it for the whole machine
        InvalidInputException device = assertThrows(InvalidInputException.class,
                () -> OutputTargets.checkFile(Path.of("/dev/null"), "score table"));
        assertEquals("score table /dev/null: the path is a device, pipe or other special file, not a plain file;"
                + " give the path of a plain file", device.getMessage());
        Path fifo = mkfifo(tmp.resolve("pipe.csv"));
        assertTrue(assertThrows(InvalidInputException.class, () -> OutputTargets.checkFile(fifo, "score table"))
                .getMessage().contains("special file"));
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "precious");
        Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), victim);
        assertTrue(assertThrows(InvalidInputException.class, () -> OutputTargets.checkFile(link, "score table"))
                .getMessage().contains("is a symbolic link"));
        // and the one write helper refuses them too, when it is reached by another way
        for (Path target : List.of(fifo, link)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> ScoreCsv.write(target, List.of(), List.of()));
            assertTrue(e.getMessage().startsWith("cannot write " + target + ": the path is a"), e.getMessage());
        }
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("precious", Files.readString(victim));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo));
        try (var files = Files.list(tmp)) {
            assertEquals(3, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void anOutputNeverReplacesAnInputNorPutsImagesIntoAnInputFolder() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Path image = Files.writeString(images.resolve("a.jpg"), "x");
        Path jpegNamedCsv = Files.copy(Path.of("sample-data/ood/polyp").toAbsolutePath().resolve(
                firstName(Path.of("sample-data/ood/polyp"))), images.resolve("b.csv"));
        Path model = Files.writeString(tmp.resolve("m.pt"), "x");
        Path sidecar = Files.writeString(tmp.resolve("m.json"), "{}");
        Path[] inputs = {images, model, sidecar};
        for (Path out : List.of(image, jpegNamedCsv, images.resolve("new.png"), images.resolve("sub/x.tif"), model,
                sidecar)) {
            assertThrows(InvalidInputException.class, () -> OutputTargets.checkNotAnInput(out, "score table", inputs),
                    out.toString());
        }
        // a table written into an input folder is never read as an image
        assertDoesNotThrow(() -> OutputTargets.checkNotAnInput(images.resolve("scores.csv"), "score table", inputs));
        assertDoesNotThrow(() -> OutputTargets.checkFolder(images.resolve("vec"), "vectors folder", false, inputs));
        // pictures are: an evaluation or explanation folder inside an input folder is refused
        assertEquals("output folder " + images.resolve("eval") + " is inside the input folder " + images
                + ", where it would replace or add pictures read as images next time: choose a place outside the"
                + " inputs", assertThrows(InvalidInputException.class,
                        () -> OutputTargets.checkFolder(images.resolve("eval"), "output folder", true, inputs))
                        .getMessage());
        // the same file reached through a linked folder is still that file
        Path linked = Files.createSymbolicLink(tmp.resolve("linked"), images);
        assertThrows(InvalidInputException.class,
                () -> OutputTargets.checkNotAnInput(linked.resolve("a.jpg"), "score table", inputs));
        assertDoesNotThrow(() -> OutputTargets.checkNotAnInput(tmp.resolve("scores.csv"), "score table", inputs));
        assertDoesNotThrow(() -> OutputTargets.checkFolder(tmp.resolve("plots"), "output folder", true, inputs));
    }

    @Test
    void twoOutputsOfOneJobNeverWriteTheSameFile() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("d"));
        OutputTargets.Output vectors = OutputTargets.Output.folder("vectors folder", d, VectorFiles.NAMES);
        // the same file by its name, through "..", through a linked folder
        Path linked = Files.createSymbolicLink(tmp.resolve("linked"), d);
        for (Path table : List.of(d.resolve("features.csv"), d.resolve("sub/../index.csv"),
                linked.resolve("logits.csv"), tmp.resolve("linked/../d/relevance.csv"))) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> OutputTargets.checkApart(OutputTargets.Output.file("score table", table), vectors),
                    table.toString());
            assertTrue(e.getMessage().startsWith("score table " + table.toAbsolutePath().normalize()
                    + " and vectors folder " + d + " would both write " + d.toRealPath().resolve(
                            table.getFileName().toString())), e.getMessage());
        }
        // a file where the folder is to be, or above it
        Path newFolder = tmp.resolve("new");
        InvalidInputException same = assertThrows(InvalidInputException.class, () -> OutputTargets.checkApart(
                OutputTargets.Output.file("detector file", newFolder),
                OutputTargets.Output.folder("vectors folder", newFolder, VectorFiles.NAMES)));
        assertEquals("detector file " + newFolder + " would be written where vectors folder " + newFolder
                + " is to be: choose another name or folder", same.getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> OutputTargets.checkApart(
                OutputTargets.Output.file("detector file", newFolder),
                OutputTargets.Output.folder("vectors folder", newFolder.resolve("v"), VectorFiles.NAMES)))
                .getMessage().contains("(a folder above it)"));
        // apart: another name in the same folder, a sibling folder, an output not asked for
        assertDoesNotThrow(() -> OutputTargets.checkApart(
                OutputTargets.Output.file("score table", d.resolve("scores.csv")), vectors));
        assertDoesNotThrow(() -> OutputTargets.checkApart(
                OutputTargets.Output.file("score table", tmp.resolve("features.csv")), vectors));
        assertDoesNotThrow(() -> OutputTargets.checkApart(OutputTargets.Output.file("score table", null), vectors));
        assertDoesNotThrow(() -> OutputTargets.checkApart(
                OutputTargets.Output.file("score table", d.resolve("features.csv")),
                OutputTargets.Output.folder("vectors folder", null, VectorFiles.NAMES)));
    }

    @Test
    void aFileWrittenIntoAnOutputFolderNeverReplacesAnInput() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("d"));
        Path detector = Files.writeString(d.resolve("features.csv"), "{}"); // a detector someone named so
        OutputTargets.Output vectors = OutputTargets.Output.folder("vectors folder", d, VectorFiles.NAMES);
        assertEquals("file of the vectors folder " + detector + " is also an input of this job; writing it would"
                + " destroy that input: choose another name", assertThrows(InvalidInputException.class,
                        () -> OutputTargets.checkNotAnInput(vectors, detector)).getMessage());
        Path model = Files.writeString(d.resolve("metrics.csv"), "x");
        assertThrows(InvalidInputException.class, () -> OutputTargets.checkNotAnInput(
                OutputTargets.Output.folder("output folder", d, EvaluationFiles.NAMES), model));
        assertDoesNotThrow(() -> OutputTargets.checkNotAnInput(vectors, model, tmp.resolve("elsewhere.nero")));
    }

    @Test
    void letterCaseSetsNamesApartOnlyWhereTheFileSystemKeepsCase() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("d"));
        OutputTargets.Output vectors = OutputTargets.Output.folder("vectors folder", d, VectorFiles.NAMES);
        OutputTargets.Output table = OutputTargets.Output.file("score table", d.resolve("Features.csv"));
        Files.writeString(d.resolve("probe"), "x");
        boolean ignoresCase = Files.exists(d.resolve("PROBE"));
        assertEquals(ignoresCase, OutputTargets.FileNames.ignoresCase(d.resolve("Features.csv")));
        if (ignoresCase) { // macOS, Windows: Features.csv is features.csv
            assertThrows(InvalidInputException.class, () -> OutputTargets.checkApart(table, vectors));
        } else {
            assertDoesNotThrow(() -> OutputTargets.checkApart(table, vectors));
        }
    }

    private static Path firstName(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().findFirst().orElseThrow().getFileName();
        }
    }

    static Path mkfifo(Path path) throws Exception {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "mkfifo " + path);
        return path;
    }
}
