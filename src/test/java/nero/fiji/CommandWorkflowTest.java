package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * One headless CommandService run per command on the committed sample data and model, asserting on the values the
 * commands publish. Needs the workflow façade (nero.app.NeroWorkflow) and sample-data/; skipped without the sample
 * data (fails then with NERO_REQUIRE_FULL_TESTS=1).
 */
class CommandWorkflowTest {
    static Context context;
    static CommandService commands;
    @TempDir
    static Path dir;
    static Path detector;

    @BeforeAll
    static void fitOnce() throws Exception {
        TestData.requireSampleData();
        context = new Context(CommandService.class);
        commands = context.service(CommandService.class);
        detector = dir.resolve("sample-detector.json");
        CommandModule fit = run(FitDetectorCommand.class, "model", TestData.MODEL.toFile(),
                "train_dir", TestData.SAMPLE.resolve("id/train").toFile(), "val_dir",
                TestData.SAMPLE.resolve("id/val").toFile(), "tpr", 0.95, "detector", detector.toFile());
        String summary = (String) fit.getOutput("summary");
        assertTrue(summary.contains("NERO detector fitted on") && summary.contains("TPR 0.950"), summary);
        assertTrue(Files.size(detector) > 0);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.dispose();
        }
    }

    static CommandModule run(Class<?> command, Object... keyValues) throws Exception {
        return HeadlessCommands.run(commands, command, keyValues);
    }

    static long imagesIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().toLowerCase().matches(".*\\.(png|jpe?g|tiff?)$")).count();
        }
    }

    @Test
    void scoreFolderGivesOneConsistentRowPerImageAndWritesTheCsv() throws Exception {
        Path idTest = TestData.SAMPLE.resolve("id/test");
        Path csv = dir.resolve("scores.csv");
        CommandModule score = run(ScoreImagesCommand.class, "detector", detector.toFile(), "input", idTest.toString(),
                "methods", "msp,energy", "csv", csv.toFile());
        ResultsTable table = (ResultsTable) score.getOutput("results");
        assertEquals(imagesIn(idTest), table.size());
        assertTrue(table.columnExists("msp") && table.columnExists("energy"));
        double threshold = table.getValue("threshold", 0);
        int ood = 0;
        for (int row = 0; row < table.size(); row++) {
            double nero = table.getValue("nero_score", row);
            assertTrue(Double.isFinite(nero), "row " + row);
            assertEquals(threshold, table.getValue("threshold", row), 0.0, "one threshold for the whole run");
            String verdict = table.getStringValue("verdict", row);
            assertEquals(nero > threshold ? "OOD" : "ID", verdict, "verdict of row " + row + " at score " + nero);
            double confidence = table.getValue("confidence", row);
            assertTrue(confidence > 0 && confidence <= 1, "confidence " + confidence);
            ood += verdict.equals("OOD") ? 1 : 0;
        }
        assertTrue(ood < table.size() / 2, "most ID test images are called ID (TPR 0.95): " + ood + "/" + table.size());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(table.size() + 1, lines.size());
        assertTrue(lines.get(0).startsWith("path,predicted_class,confidence,nero_score"), lines.get(0));
    }

    @Test
    void scoreCurrentImageDrawsItsVerdict() throws Exception {
        Path file = firstImage(TestData.SAMPLE.resolve("ood"));
        ImagePlus image = IJ.openImage(file.toString());
        CommandModule score = run(ScoreImagesCommand.class, "detector", detector.toFile(), "image", image);
        ResultsTable table = (ResultsTable) score.getOutput("results");
        assertEquals(1, table.size());
        String verdict = table.getStringValue("verdict", 0);
        assertNotNull(image.getOverlay());
        assertEquals(verdict.equals("OOD") ? 2 : 1, image.getOverlay().size());
    }

    @Test
    void evaluateSeparatesIdFromOodAndSavesPlots() throws Exception {
        Path out = dir.resolve("evaluation");
        CommandModule evaluate = run(EvaluateCommand.class, "detector", detector.toFile(), "id_dir",
                TestData.SAMPLE.resolve("id/test").toFile(), "ood_dir", TestData.SAMPLE.resolve("ood").toFile(),
                "methods", "nero,msp", "out_dir", out.toFile());
        ResultsTable metrics = (ResultsTable) evaluate.getOutput("metrics");
        assertEquals(2, metrics.size());
        assertEquals("nero", metrics.getStringValue("method", 0));
        double auroc = metrics.getValue("auroc", 0);
        assertTrue(auroc > 0.5 && auroc <= 1, "NERO AUROC on the sample data " + auroc);
        double fpr95 = metrics.getValue("fpr95", 0);
        assertTrue(fpr95 >= 0 && fpr95 <= 1, "fpr95 is a fraction: " + fpr95);
        for (String name : List.of("metrics.csv", "roc.png", "histogram.png")) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        assertNotNull(evaluate.getOutput("roc"));
        assertNotNull(evaluate.getOutput("histogram"));
    }

    @Test
    void explainWritesViewsAndOneRow() throws Exception {
        Path out = dir.resolve("explain");
        Path file = firstImage(TestData.SAMPLE.resolve("ood"));
        CommandModule explain = run(ExplainImageCommand.class, "detector", detector.toFile(), "image_file", file.toFile(),
                "out_dir", out.toFile());
        ResultsTable table = (ResultsTable) explain.getOutput("results");
        assertEquals(1, table.size());
        double percentile = table.getValue("validation_percentile", 0);
        assertTrue(percentile >= 0 && percentile <= 100, "percentile " + percentile);
        assertNotNull(explain.getOutput("explanation"));
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.findAny().isPresent(), "explain wrote no views");
        }
    }

    static Path firstImage(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(png|jpg|jpeg)$"))
                    .sorted().findFirst().orElseThrow();
        }
    }
}
