package nero.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against hostile inputs (issue 13), end to end; docs/robustness.md lists each class. */
class HostileInputsCliTest {
    @TempDir
    Path tmp;

    private static List<String> scoreColumn(Cli.Result r) {
        return r.out().lines().skip(1).map(l -> l.split(",")[3]).toList();
    }

    /** The detector fixes the preprocessing: a model moved away from its sidecar, or a sidecar edited, change nothing. */
    @Test
    void theDetectorsPreprocessingIsUsedWhateverTheSidecarSays() throws Exception {
        Path images = SampleDetector.SAMPLE.resolve("id/test/cecum");
        Cli.Result reference = Cli.run("score", "--detector", SampleDetector.detector(), images);
        assertEquals(0, reference.code(), reference.toString());

        Path moved = Files.copy(SampleDetector.MODEL, Files.createDirectories(tmp.resolve("moved")).resolve("m.pt"));
        Cli.Result withoutSidecar = Cli.run("score", "--detector", SampleDetector.detector(), "--model", moved, images);
        assertEquals(0, withoutSidecar.code(), withoutSidecar.toString());
        assertEquals(scoreColumn(reference), scoreColumn(withoutSidecar), "no sidecar: 224×224 defaults must not be used");

        String sidecar = Files.readString(SampleDetector.MODEL.resolveSibling("nero-sample.json"));
        Files.writeString(moved.resolveSibling("m.json"), sidecar.replaceAll("\"input_size\": \\[\\s*64,\\s*64\\s*\\]",
                "\"input_size\": [96, 96]"));
        assertTrue(Files.readString(moved.resolveSibling("m.json")).contains("96"), "the sidecar was edited");
        Cli.Result edited = Cli.run("score", "--detector", SampleDetector.detector(), "--model", moved, images);
        assertEquals(scoreColumn(reference), scoreColumn(edited), "edited sidecar: the fitted 64×64 must be used");
    }

    /** Paths arrive exactly: trailing spaces, line feeds and carriage returns in names. */
    @Test
    void pathsWithTrailingSpacesAndLineBreaksAreScored() throws Exception {
        Path source = SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("ood/polyp"));
        List<Path> odd = List.of(tmp.resolve("space at end.jpg "), tmp.resolve("line\nfeed.jpg"),
                tmp.resolve("carriage\rreturn.jpg"));
        for (Path p : odd) {
            Files.copy(source, p);
        }
        Cli.Result r = Cli.run("score", "--detector", SampleDetector.detector(), odd.get(0), odd.get(1), odd.get(2));
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("scored 3 image(s)"), r.toString());
    }

    /** An output that names an image in the input folder is refused before anything runs, and the image is intact. */
    @Test
    void anOutputInsideAnInputFolderIsRefusedAndNothingIsTouched() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Path image = Files.copy(SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("ood/polyp")),
                images.resolve("a.jpg"));
        byte[] before = Files.readAllBytes(image);
        Cli.Result r = Cli.run("score", "--detector", SampleDetector.detector(), images, "--out", image);
        Cli.assertBadInput(r, image.toString(), "inside the input folder");
        assertArrayEquals(before, Files.readAllBytes(image));
        assertEquals(List.of("a.jpg"), Cli.filesUnder(images));
    }

    /** --k 0 is refused, not read as the authors' 175. */
    @Test
    void kZeroIsRefusedNotTurnedInto175() {
        Cli.Result r = Cli.run("fit", "--model", SampleDetector.MODEL, "--train", SampleDetector.TRAIN, "--out",
                tmp.resolve("d.nero"), "--k", "0");
        Cli.assertBadInput(r, "--k must be at least 1, got 0");
        assertEquals(List.of(), Cli.filesUnder(tmp));
    }
}
