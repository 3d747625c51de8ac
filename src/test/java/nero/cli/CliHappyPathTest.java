package nero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import nero.core.DetectorFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's files and streams as issue 2 specifies them, on the committed sample data. */
class CliHappyPathTest {
    static final List<String> SCORE_COLUMNS = List.of("path", "predicted_class", "confidence", "nero_score",
            "distance", "bias_term", "norm_ratio", "nearest_class", "threshold", "verdict");
    static final List<String> VECTOR_FILES = List.of("index.csv", "features.csv", "logits.csv", "relevance.csv");

    @TempDir
    Path tmp;

    @Test
    void fitWritesTheDetectorAndFourVectorFilesInOneRowOrder() throws IOException {
        Path dir = SampleDetector.dir();
        assertTrue(Files.size(dir.resolve("detector.nero")) > 0);
        List<String> paths = assertVectorFiles(dir.resolve("vectors"), 256, 3);
        assertEquals(180, paths.size(), "one row per training image");
        List<CSVRecord> index = read(dir.resolve("vectors/index.csv"));
        assertEquals(List.of("path", "label"), index.get(0).getParser().getHeaderNames());
        assertTrue(index.stream().allMatch(r -> Path.of(r.get("path")).getParent().getFileName().toString()
                .equals(r.get("label"))), "label = the image's class folder");
    }

    /** A model whose sidecar has no class names (class0, class1, …): results name the training set's folders. */
    @Test
    void aModelWithoutClassNamesTakesTheTrainingFolderNames() throws IOException {
        SampleDetector.requireSampleData();
        Path model = Files.copy(SampleDetector.MODEL, tmp.resolve("unnamed.pt"));
        JsonObject sidecar = JsonParser.parseString(
                Files.readString(SampleDetector.SAMPLE.resolve("model/nero-sample.json"))).getAsJsonObject();
        sidecar.remove("class_names");
        Files.writeString(tmp.resolve("unnamed.json"), sidecar.toString());
        Path detector = tmp.resolve("unnamed.nero");
        Cli.Result fit = Cli.run("fit", "--model", model, "--train", SampleDetector.TRAIN, "--out", detector);
        assertEquals(0, fit.code(), fit.toString());
        List<String> folders = List.of("cecum", "pylorus", "z-line");
        assertEquals(folders, DetectorFile.load(detector).classNames());

        Cli.Result r = Cli.run("score", "--detector", detector, "--model", model,
                SampleDetector.SAMPLE.resolve("ood/polyp"));
        assertEquals(0, r.code(), r.toString());
        for (CSVRecord row : parse(r.out()).getRecords()) {
            assertTrue(folders.contains(row.get("predicted_class")), row.toString());
            assertTrue(folders.contains(row.get("nearest_class")), row.toString());
        }
    }

    @Test
    void scoreWithoutOutPrintsOnlyTheCsvOnStdout() throws IOException {
        Path folder = SampleDetector.SAMPLE.resolve("ood/polyp");
        Cli.Result r = Cli.run("score", "--detector", SampleDetector.detector(), "--methods", "msp,knn,nero,msp",
                folder);

        assertEquals(0, r.code(), r.toString());
        CSVParser parsed = parse(r.out());
        List<String> expected = new ArrayList<>(SCORE_COLUMNS);
        expected.addAll(List.of("msp", "knn")); // the extra methods, in order, NERO and duplicates dropped
        assertEquals(expected, parsed.getHeaderNames());
        List<CSVRecord> rows = parsed.getRecords();
        assertEquals(countFiles(folder), rows.size(), r.toString());
        for (CSVRecord row : rows) {
            assertTrue(Files.isRegularFile(Path.of(row.get("path"))), row.toString());
            assertTrue(List.of("cecum", "pylorus", "z-line").contains(row.get("predicted_class")), row.toString());
            double score = Double.parseDouble(row.get("nero_score"));
            double threshold = Double.parseDouble(row.get("threshold"));
            assertEquals(score > threshold ? "OOD" : "ID", row.get("verdict"), row.toString());
            Double.parseDouble(row.get("msp"));
            Double.parseDouble(row.get("knn"));
        }
        assertTrue(r.err().contains("scored " + rows.size() + " image(s)"), "the summary goes to stderr\n" + r);

        Path file = tmp.resolve("same.csv");
        Cli.Result toFile = Cli.run("score", "--detector", SampleDetector.detector(), "--methods", "msp,knn",
                "--out", file, folder);
        assertEquals(0, toFile.code(), toFile.toString());
        assertEquals(Files.readString(file), r.out(), "standard output carries exactly the CSV the file gets");
    }

    @Test
    void scoreTakesSeveralInputsIncludingDicomAndVideoAndWritesVectorsInTheCsvOrder() throws IOException {
        Path image = SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("id/test/pylorus"));
        Path dicom = SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("dicom"));
        Path video = SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("video"));
        Path csv = tmp.resolve("scores.csv");
        Path vectors = tmp.resolve("vectors");

        Cli.Result r = Cli.run("score", "--detector", SampleDetector.detector(), "--out", csv, "--vectors", vectors,
                image, dicom, video);

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("table written to " + csv), r.toString());
        List<CSVRecord> rows = read(csv);
        List<String> ids = rows.stream().map(x -> x.get("path")).toList();
        assertEquals(image.toString(), ids.get(0));
        assertEquals(dicom.toString(), ids.get(1));
        List<String> stills = ids.subList(2, ids.size());
        assertFalse(stills.isEmpty(), "the video gives stills");
        for (String still : stills) {
            assertTrue(still.matches(Pattern.quote(video.toString()) + "#frame=\\d+@t=[0-9.]+s"),
                    still);
        }
        assertEquals(ids, assertVectorFiles(vectors, 256, 3));
        assertEquals(List.of("scores.csv", "vectors"), Cli.filesUnder(tmp).stream().filter(p -> !p.contains("/"))
                .toList(), "no temporary files left");
    }

    @Test
    void evaluateWritesMetricsAsFractionsForAllMethods() throws IOException {
        Path out = tmp.resolve("evaluation");
        Cli.Result r = Cli.run("evaluate", "--detector", SampleDetector.detector(), "--id", SampleDetector.VAL,
                "--ood", SampleDetector.SAMPLE.resolve("ood/dyed"), "--methods", "all", "--out", out);

        assertEquals(0, r.code(), r.toString());
        List<CSVRecord> metrics = read(out.resolve("metrics.csv"));
        assertEquals(List.of("method", "auroc", "fpr95", "aupr_in", "aupr_out"),
                metrics.get(0).getParser().getHeaderNames());
        assertEquals(List.of("nero", "msp", "odin", "energy", "entropy", "maxlogit", "mahalanobis", "vim", "neco",
                "react", "gradnorm", "knn"), metrics.stream().map(m -> m.get("method")).toList());
        for (CSVRecord m : metrics) {
            for (String column : List.of("auroc", "fpr95", "aupr_in", "aupr_out")) {
                double v = Double.parseDouble(m.get(column));
                assertTrue(v >= 0 && v <= 1, column + " is a fraction: " + m);
            }
        }
        assertTrue(Double.parseDouble(metrics.get(0).get("auroc")) > 0.5, "NERO separates dyed images: " + metrics);
        assertTrue(r.out().contains("nero"), r.toString());
        assertTrue(Files.size(out.resolve("roc.png")) > 0 && Files.size(out.resolve("histogram.png")) > 0);
    }

    @Test
    void explainWritesItsViews() throws IOException {
        Path image = SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("ood/instrument"));
        Path out = tmp.resolve("views");
        Cli.Result r = Cli.run("explain", "--detector", SampleDetector.detector(), "--out", out, image);

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains(image.toString()) && r.out().contains("threshold"), r.toString());
        List<String> files = Cli.filesUnder(out);
        assertTrue(files.stream().filter(f -> f.endsWith(".png")).count() >= 3, files.toString());
        assertTrue(files.stream().anyMatch(f -> f.endsWith("_score.csv")), files.toString());
        for (String f : files) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }

    @Test
    void helpAndVersionExitZero() {
        Cli.Result help = Cli.run("--help");
        assertEquals(0, help.code());
        for (String command : List.of("demo", "fit", "score", "explain", "evaluate")) {
            assertTrue(help.out().contains(command), help.out());
        }
        Cli.Result fitHelp = Cli.run("fit", "--help");
        assertEquals(0, fitHelp.code());
        assertTrue(fitHelp.out().contains("--vectors") && fitHelp.out().contains("--tpr"), fitHelp.out());
        Cli.Result scoreHelp = Cli.run("score", "--help");
        assertTrue(scoreHelp.out().contains("mahalanobis") && scoreHelp.out().contains("knn"),
                "the help lists the method keys\n" + scoreHelp.out());
        assertEquals(0, Cli.run("--version").code());
    }

    /** Checks the four vector files (same rows, first column path, bias last) and returns their path column. */
    static List<String> assertVectorFiles(Path dir, int featureDim, int classes) throws IOException {
        List<String> paths = null;
        for (String name : VECTOR_FILES) {
            List<CSVRecord> rows = read(dir.resolve(name));
            List<String> header = rows.get(0).getParser().getHeaderNames();
            assertEquals("path", header.get(0), name);
            int width = switch (name) {
                case "index.csv" -> 2;
                case "features.csv" -> featureDim + 1;
                case "logits.csv" -> classes + 1;
                default -> featureDim + 2;
            };
            assertEquals(width, header.size(), name + " columns");
            if (name.equals("relevance.csv")) {
                assertEquals("bias", header.get(header.size() - 1), "bias column last");
            }
            List<String> column = rows.stream().map(r -> r.get(0)).toList();
            if (paths == null) {
                paths = column;
            } else {
                assertEquals(paths, column, name + " rows in the same order as index.csv");
            }
        }
        return paths;
    }

    static List<CSVRecord> read(Path csv) throws IOException {
        try (Reader r = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    static CSVParser parse(String text) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(text));
    }

    static long countFiles(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
