package nero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where outputs go (issue 21): outputs of one command never collide, any legal name works, pictures beside inputs warn. */
class OutputPlacesCliTest {
    @TempDir
    Path tmp;

    @Test
    void aScoreTableInsideTheVectorsFolderIsRefusedBeforeAnyWork() throws Exception {
        Path vectors = Files.createDirectories(tmp.resolve("v"));
        Path table = vectors.resolve("features.csv");
        Cli.Result r = Cli.run("score", "--detector", SampleDetector.detector(), "--out", table, "--vectors", vectors,
                SampleDetector.SAMPLE.resolve("ood/dyed"));
        Cli.assertBadInput(r, "score table " + table, "vectors folder " + vectors, "would both write");
        assertEquals(List.of("v"), Cli.filesUnder(tmp), "nothing written");
    }

    @Test
    void aDetectorNamedAsAVectorsTableIsRefusedBeforeAnyWork() throws Exception {
        SampleDetector.requireSampleData();
        Path vectors = Files.createDirectories(tmp.resolve("v"));
        Path detector = vectors.resolve("..").resolve("v/index.csv");
        Cli.Result r = Cli.run("fit", "--model", SampleDetector.MODEL, "--train", SampleDetector.TRAIN, "--vectors",
                vectors, "--out", detector);
        Cli.assertBadInput(r, "detector file " + vectors.resolve("index.csv"), "would both write");
        assertEquals(List.of("v"), Cli.filesUnder(tmp));
        // and a table named as the vectors folder itself
        Path folder = tmp.resolve("w");
        Cli.Result same = Cli.run("score", "--detector", SampleDetector.detector(), "--out", folder, "--vectors",
                folder, SampleDetector.SAMPLE.resolve("ood/dyed"));
        Cli.assertBadInput(same, "would be written where vectors folder " + folder + " is to be");
        assertEquals(List.of("v"), Cli.filesUnder(tmp));
    }

    @Test
    void aVideosSegmentsTableInsideTheVectorsFolderIsRefusedBeforeAnyWork() throws Exception {
        Path vectors = Files.createDirectories(tmp.resolve("v"));
        Path segments = vectors.resolve("logits.csv");
        Cli.Result r = Cli.run("score", "--detector", SampleDetector.detector(), "--vectors", vectors, "--segments",
                segments, SampleDetector.SAMPLE.resolve("video/cecum-to-polyp.mp4"));
        Cli.assertBadInput(r, "vectors folder " + vectors, "segments table " + segments, "would both write");
        assertEquals(List.of("v"), Cli.filesUnder(tmp), "nothing written");
    }

    @Test
    void anOutputNameOf255BytesIsWritten() throws Exception {
        Path table = tmp.resolve("s".repeat(251) + ".csv");
        Cli.Result r = Cli.run("score", "--detector", SampleDetector.detector(), "--out", table,
                SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("ood/dyed")));
        assertEquals(0, r.code(), r.toString());
        assertEquals(2, Files.readAllLines(table).size());
        assertEquals(List.of(table.getFileName().toString()), Cli.filesUnder(tmp));
    }

    @Test
    void explainingIntoTheFolderOfItsImageWarnsOnceAndWritesTheViews() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Path image = Files.copy(SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("ood/dyed")),
                images.resolve("a.jpg"));
        for (Path out : List.of(images, images.resolve("views"))) {
            Cli.Result r = Cli.run("explain", "--detector", SampleDetector.detector(), "--out", out, image);
            assertEquals(0, r.code(), r.toString());
            List<String> warnings = r.errLines().stream().filter(l -> l.startsWith("nero: warning: ")).toList();
            assertEquals(1, warnings.size(), r.toString());
            assertEquals("nero: warning: output folder " + out + (out.equals(images) ? " is" : " is inside")
                    + " the folder of the input image (" + images + "): the PNG and TIFF views written there will be"
                    + " read as images by a later run on that folder", warnings.get(0));
            assertTrue(Files.exists(out.resolve("a_summary.txt")), r.toString());
        }
        Cli.Result apart = Cli.run("explain", "--detector", SampleDetector.detector(), "--out", tmp.resolve("apart"),
                image);
        assertEquals(0, apart.code(), apart.toString());
        assertTrue(apart.errLines().stream().noneMatch(l -> l.contains("warning")), apart.toString());
    }
}
