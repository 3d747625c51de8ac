package nero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nero.core.DetectorFile;
import nero.core.DetectorState;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fit --head probe}: a linear head on the ID training features, for classes the model was not trained on. */
class CliProbeTest {
    @TempDir
    Path tmp;

    /**
     * Two ID classes the demo model has never heard of ("bright", "dark", made of its cecum and pylorus images):
     * with the model's head the fit refuses the folders, with a probe every command works and speaks of them.
     */
    @Test
    void aProbeFitsClassesTheModelDoesNotHaveAndEveryCommandUsesIt() throws IOException {
        SampleDetector.requireSampleData();
        Path train = tmp.resolve("train");
        copy(SampleDetector.TRAIN.resolve("cecum"), train.resolve("bright"), 30);
        copy(SampleDetector.TRAIN.resolve("pylorus"), train.resolve("dark"), 30);
        Path detector = tmp.resolve("probe.nero");

        Cli.Result refused = Cli.run("fit", "--model", SampleDetector.MODEL, "--train", train, "--components", "8",
                "--out", detector);
        assertEquals(2, refused.code(), refused.toString());
        assertTrue(refused.err().contains("is not one of the model's classes"), refused.err());

        Cli.Result fit = Cli.run("fit", "--model", SampleDetector.MODEL, "--train", train, "--components", "8",
                "--head", "probe", "--out", detector);
        assertEquals(0, fit.code(), fit.toString());
        assertTrue(fit.out().contains("head: linear probe, C = "), fit.out());
        assertTrue(fit.out().contains("held-out accuracy"), fit.out());
        assertTrue(fit.out().contains("2 class(es): bright, dark"), fit.out());
        assertTrue(Files.readString(detector).contains("\"version\":2"));
        DetectorState state = DetectorFile.load(detector);
        assertNotNull(state.probe());
        assertEquals(List.of("bright", "dark"), state.classNames());
        assertEquals(2, state.probe().head().classes());

        // every method, ODIN (input gradients through the probe) included
        Cli.Result score = Cli.run("score", "--detector", detector, "--methods", "all",
                SampleDetector.SAMPLE.resolve("ood/polyp"));
        assertEquals(0, score.code(), score.toString());
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().build()
                .parse(new StringReader(score.out())).getRecords();
        assertTrue(rows.size() > 0);
        for (CSVRecord row : rows) {
            assertTrue(List.of("bright", "dark").contains(row.get("predicted_class")), row.toString());
            for (String method : List.of("msp", "odin", "energy", "gradnorm", "vim", "knn")) {
                assertTrue(Double.isFinite(Double.parseDouble(row.get(method))), method + " in " + row);
            }
        }

        Path image = SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("ood/polyp"));
        Cli.Result explain = Cli.run("explain", "--detector", detector, "--out", tmp.resolve("explained"), image);
        assertEquals(0, explain.code(), explain.toString());
        try (Stream<Path> files = Files.list(tmp.resolve("explained"))) {
            assertTrue(files.count() > 3, "views written");
        }
    }

    @Test
    void aSingleClassTrainingSetIsRefusedWithAClearMessage() throws IOException {
        SampleDetector.requireSampleData();
        Path train = tmp.resolve("train");
        copy(SampleDetector.TRAIN.resolve("cecum"), train.resolve("cecum"), 12);
        Cli.Result r = Cli.run("fit", "--model", SampleDetector.MODEL, "--train", train, "--components", "4",
                "--head", "probe", "--out", tmp.resolve("one.nero"));
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("linear probe needs training images of at least two classes")
                && r.err().contains("class 'cecum'") && r.err().contains(train.toString()), r.err());
        assertTrue(!Files.exists(tmp.resolve("one.nero")), "nothing written");

        Cli.Result bad = Cli.run("fit", "--model", SampleDetector.MODEL, "--train", train, "--head", "linear",
                "--out", tmp.resolve("bad.nero"));
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("head must be 'model'") && bad.err().contains("'linear'"), bad.err());
    }

    /** With the model's head, a class of the model with no training folder is named in a warning. */
    @Test
    void aModelClassWithoutTrainingImagesIsNamedInAWarning() throws IOException {
        SampleDetector.requireSampleData();
        Path train = tmp.resolve("train-two");
        copy(SampleDetector.TRAIN.resolve("cecum"), train.resolve("cecum"), 20);
        copy(SampleDetector.TRAIN.resolve("z-line"), train.resolve("z-line"), 20);
        Cli.Result fit = Cli.run("fit", "--model", SampleDetector.MODEL, "--train", train, "--components", "8",
                "--out", tmp.resolve("two.nero"));
        assertEquals(0, fit.code(), fit.toString());
        assertTrue(fit.out().contains("warning: no training images for 1 of the model's classes (pylorus)"),
                fit.toString());

        Cli.Result all = Cli.run("fit", "--model", SampleDetector.MODEL, "--train", SampleDetector.TRAIN,
                "--components", "8", "--out", tmp.resolve("all.nero"));
        assertEquals(0, all.code(), all.toString());
        assertTrue(!all.out().contains("warning:"), all.toString());
    }

    private static void copy(Path from, Path to, int count) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.sorted().limit(count).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
