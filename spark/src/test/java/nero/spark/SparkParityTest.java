package nero.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nero.app.NeroWorkflow;
import nero.app.Reports;
import nero.app.Requests;
import nero.core.ProgressListener;
import nero.io.video.FrameSampling;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Spark jobs on {@code local[2]} against the single-machine workflow on sample-data: the same rows (every
 * score to the last bit), the same detector file apart from its creation time, the same metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkParityTest {
    private static final Path SAMPLE = Path.of("..", "sample-data").toAbsolutePath().normalize();
    private static final Path MODEL = SAMPLE.resolve("model/nero-sample.pt");

    @TempDir
    static Path tmp;
    private SparkSession spark;
    private Path detector;
    private Path inputs;

    @BeforeAll
    void start() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("nero-spark-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        detector = tmp.resolve("cli.nero");
        new NeroWorkflow(ProgressListener.NONE).fit(new Requests.Fit(MODEL, SAMPLE.resolve("id/train"),
                SAMPLE.resolve("id/val"), 0.95, detector, null));
        inputs = Files.createDirectories(tmp.resolve("inputs"));
        copyTree(SAMPLE.resolve("ood"), inputs.resolve("ood"));
        copyTree(SAMPLE.resolve("id/test/cecum"), inputs.resolve("cecum"));
        Files.copy(SAMPLE.resolve("dicom/pylorus-still.dcm"), inputs.resolve("still.dcm"));
        Files.copy(SAMPLE.resolve("video/cecum-to-polyp.mp4"), inputs.resolve("pan.mp4"));
        Files.writeString(inputs.resolve("ood/broken.jpg"), "not a jpeg");
        Files.writeString(inputs.resolve("notes.txt"), "not an input: left out quietly, as on one machine");
    }

    @AfterAll
    void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /**
     * --format csv writes what `score --out` writes for the same cells: RFC 4180 quoting ("" inside quotes, not
     * Spark's default backslash), spaces at the ends of a path kept, formulas defused (docs/robustness.md).
     */
    @Test
    void csvOutputQuotesAndDefusesCellsAsTheCommandLineDoes() throws IOException {
        List<List<String>> cells = List.of(List.of("/d/a \"b\", c .jpg ", "=1+1", "-0.25"),
                List.of(" /d/line\nfeed.jpg", "@sum", "1.5"), List.of("/d/plain.jpg", "cecum", "-Infinity"));
        List<Row> rows = new ArrayList<>();
        for (List<String> c : cells) {
            rows.add(org.apache.spark.sql.RowFactory.create(c.get(0), c.get(1), Double.parseDouble(c.get(2))));
        }
        var schema = new org.apache.spark.sql.types.StructType().add("path", "string").add("predicted_class", "string")
                .add("nero_score", "double");
        JobOutput out = JobOutput.create(spark, tmp.resolve("csv-out").toString(), "csv");
        out.write(spark.createDataFrame(rows, schema).coalesce(1), "table");
        Path part;
        try (Stream<Path> files = Files.list(Path.of(java.net.URI.create(out.path("table"))))) {
            part = files.filter(f -> f.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        StringBuilder expected = new StringBuilder();
        nero.io.table.CsvTables.print(expected, List.of("path", "predicted_class", "nero_score"), cells);
        assertEquals(expected.toString(), Files.readString(part));
    }

    @Test
    void scoreJobGivesTheRowsOfScoreBitForBit() throws IOException {
        Reports.Score cli = new NeroWorkflow(ProgressListener.NONE).score(new Requests.Score(detector, MODEL,
                List.of(inputs), null, List.of("all"), null, null, FrameSampling.parse("0.5s", "step")));

        ScoreJob job = new ScoreJob();
        job.detector = detector;
        job.model = MODEL;
        job.input = inputs.toString();
        job.inputType = "auto";
        job.out = tmp.resolve("out").toString();
        job.format = "parquet";
        job.methods = "all";
        job.videoStep = "0.5s";
        job.filesPerTask = 7; // uneven partitions: items end mid-batch everywhere
        ScoreJob.Summary summary = job.run(spark);

        List<Row> rows = spark.read().parquet(summary.scoresTable()).collectAsList();
        List<Row> ordered = orderedAsWritten(summary.scoresTable());
        assertEquals(cli.rows().size(), rows.size());
        assertTrue(cli.rows().size() > 80, "sample inputs: images, a DICOM still and video stills");
        List<String> columns = List.of(spark.read().parquet(summary.scoresTable()).columns());
        for (int i = 0; i < cli.rows().size(); i++) {
            Reports.ScoreRow c = cli.rows().get(i);
            Row s = ordered.get(i);
            assertEquals(c.id(), s.getString(columns.indexOf("path")), "row " + i);
            assertEquals(c.predictedClass(), s.getString(columns.indexOf("predicted_class")), c.id());
            assertEquals(c.confidence(), s.getDouble(columns.indexOf("confidence")), 0.0, c.id());
            assertEquals(c.neroScore(), s.getDouble(columns.indexOf("nero_score")), 0.0, c.id());
            assertEquals(c.distance(), s.getDouble(columns.indexOf("distance")), 0.0, c.id());
            assertEquals(c.biasTerm(), s.getDouble(columns.indexOf("bias_term")), 0.0, c.id());
            assertEquals(c.normRatio(), s.getDouble(columns.indexOf("norm_ratio")), 0.0, c.id());
            assertEquals(c.nearestClass(), s.getString(columns.indexOf("nearest_class")), c.id());
            assertEquals(c.threshold(), s.getDouble(columns.indexOf("threshold")), 0.0, c.id());
            assertEquals(c.verdict(), s.getString(columns.indexOf("verdict")), c.id());
            assertEquals(11, c.methodScores().size()); // every method beside NERO
            for (var m : c.methodScores().entrySet()) {
                assertEquals(m.getValue(), s.getDouble(columns.indexOf(m.getKey())), 0.0, c.id() + " " + m.getKey());
            }
        }
        Row still = ordered.stream().filter(r -> r.getString(0).contains("pan.mp4")).skip(1).findFirst().orElseThrow();
        assertEquals(inputs.resolve("pan.mp4").toString(), still.getString(columns.indexOf("source_file")));
        assertEquals(1, still.getInt(columns.indexOf("item")));

        List<Row> skipped = spark.read().parquet(summary.skippedTable()).collectAsList();
        assertEquals("scores\t" + cli.rows().size() + "\nskipped\t" + cli.skipped().size() + "\n",
                Files.readString(Path.of(job.out, JobOutput.MARKER)), "the run's marker, written last");
        assertEquals(cli.skipped().size(), skipped.size());
        assertEquals(1, skipped.size());
        assertEquals(cli.skipped().get(0).id(), skipped.get(0).getString(1));
        assertEquals(cli.skipped().get(0).reason(), skipped.get(0).getString(3));
    }

    /**
     * An ONNX model (the sample model's ONNX twin, run by ONNX Runtime): the score job gives the rows of `score`
     * bit for bit, with every method but ODIN (ONNX Runtime gives no input gradients, so "all" leaves it out).
     */
    @Test
    void scoreJobWithAnOnnxModelGivesTheRowsOfScore() throws IOException {
        Path onnx = SAMPLE.resolve("model/nero-sample.onnx");
        Path onnxDetector = tmp.resolve("onnx.nero");
        new NeroWorkflow(ProgressListener.NONE).fit(new Requests.Fit(onnx, SAMPLE.resolve("id/train"),
                SAMPLE.resolve("id/val"), 0.95, onnxDetector, null));
        Reports.Score cli = new NeroWorkflow(ProgressListener.NONE).score(new Requests.Score(onnxDetector, onnx,
                List.of(inputs), null, List.of("all"), null, null, FrameSampling.parse("0.5s", "step")));
        ScoreJob job = new ScoreJob();
        job.detector = onnxDetector;
        job.model = onnx;
        job.input = inputs.toString();
        job.inputType = "auto";
        job.out = tmp.resolve("out-onnx").toString();
        job.format = "parquet";
        job.methods = "all";
        job.videoStep = "0.5s";
        job.filesPerTask = 7;
        ScoreJob.Summary summary = job.run(spark);
        List<Row> ordered = orderedAsWritten(summary.scoresTable());
        List<String> columns = List.of(spark.read().parquet(summary.scoresTable()).columns());
        assertEquals(cli.rows().size(), ordered.size());
        assertTrue(cli.rows().size() > 80);
        assertTrue(!columns.contains("odin") && columns.contains("gradnorm"), columns.toString());
        for (int i = 0; i < cli.rows().size(); i++) {
            Reports.ScoreRow c = cli.rows().get(i);
            Row s = ordered.get(i);
            assertEquals(c.id(), s.getString(columns.indexOf("path")), "row " + i);
            assertEquals(c.neroScore(), s.getDouble(columns.indexOf("nero_score")), 0.0, c.id());
            assertEquals(c.verdict(), s.getString(columns.indexOf("verdict")), c.id());
            assertEquals(10, c.methodScores().size()); // every method beside NERO but ODIN
            for (var m : c.methodScores().entrySet()) {
                assertEquals(m.getValue(), s.getDouble(columns.indexOf(m.getKey())), 0.0, c.id() + " " + m.getKey());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "probe"})
    void fitJobWritesTheDetectorFileOfFitApartFromItsCreationTime(String head) throws IOException {
        Path cliDetector = detector;
        if (!head.equals("model")) {
            cliDetector = tmp.resolve("cli-" + head + ".nero");
            new NeroWorkflow(ProgressListener.NONE).fit(new Requests.Fit(MODEL, SAMPLE.resolve("id/train"),
                    SAMPLE.resolve("id/val"), 0.95, cliDetector, null, 0, 0, Requests.Head.parse(head)));
        }
        FitJob job = new FitJob();
        job.model = MODEL;
        job.train = SAMPLE.resolve("id/train").toString();
        job.val = SAMPLE.resolve("id/val").toString();
        job.tpr = 0.95;
        job.out = tmp.resolve("cluster-" + head + ".nero");
        job.head = head;
        job.filesPerTask = 13;
        job.run(spark);
        assertEquals(withoutCreationTime(cliDetector), withoutCreationTime(job.out));
    }

    @Test
    void evaluateJobWritesTheMetricsOfEvaluate() throws IOException {
        Path cliOut = tmp.resolve("eval-cli");
        new NeroWorkflow(ProgressListener.NONE).evaluate(new Requests.Evaluate(detector, MODEL,
                SAMPLE.resolve("id/test"), inputs.resolve("ood"), List.of("all"), cliOut));
        EvaluateJob job = new EvaluateJob();
        job.detector = detector;
        job.model = MODEL;
        job.id = SAMPLE.resolve("id/test").toString();
        job.ood = inputs.resolve("ood").toString();
        job.methods = "all";
        job.out = tmp.resolve("eval-spark");
        job.filesPerTask = 9;
        java.io.PrintStream stdout = System.out;
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try (java.io.PrintStream o = new java.io.PrintStream(out, true); java.io.PrintStream e = new java.io.PrintStream(err, true)) {
            System.setOut(o);
            System.setErr(e);
            assertEquals(JobFailure.OK, job.call()); // the session is the test's (getOrCreate)
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        // as `evaluate`: the skipped file named on stderr, the metrics on stdout
        assertTrue(err.toString().contains("skipped 1 file(s):") && err.toString().contains("broken.jpg: "), err.toString());
        assertTrue(out.toString().contains("AUROC") && !out.toString().contains("broken.jpg"), out.toString());
        assertEquals(Files.readString(cliOut.resolve("metrics.csv")), Files.readString(job.out.resolve("metrics.csv")));
        assertEquals(Files.readString(cliOut.resolve("scores.csv")), Files.readString(job.out.resolve("scores.csv")));
        assertTrue(Files.size(job.out.resolve("roc.png")) > 1000);
    }

    /**
     * A file list and a Parquet table of paths give the same rows as scoring those files on one machine; a listed
     * file that is no input is a skipped row (the command line would refuse the whole run).
     */
    @Test
    void fileListAndParquetTableInputsScoreTheFilesTheyName() throws IOException {
        List<Path> files = List.of(inputs.resolve("still.dcm"), inputs.resolve("cecum/cecum-test-003.jpg"),
                inputs.resolve("ood/polyp/polyp-000.jpg"));
        Reports.Score cli = new NeroWorkflow(ProgressListener.NONE).score(new Requests.Score(detector, MODEL,
                files, null, List.of("msp"), null, null));
        List<String> listed = new ArrayList<>();
        files.forEach(f -> listed.add(f.toString()));
        listed.add(inputs.resolve("notes.txt").toString());
        Path list = Files.write(tmp.resolve("files.txt"), listed);
        String table = tmp.resolve("files.parquet").toString();
        spark.createDataset(listed, org.apache.spark.sql.Encoders.STRING()).toDF("path").coalesce(1).write()
                .parquet(table);
        for (String input : List.of(list.toString(), table)) {
            ScoreJob job = new ScoreJob();
            job.detector = detector;
            job.model = MODEL;
            job.input = input;
            job.inputType = "auto";
            job.out = tmp.resolve("out-" + Path.of(input).getFileName()).toString();
            job.format = "csv";
            job.methods = "msp";
            job.videoStep = "1s";
            job.filesPerTask = 1;
            ScoreJob.Summary summary = job.run(spark);
            List<Row> rows = spark.read().option("header", "true").option("inferSchema", "false")
                    .csv(summary.scoresTable()).collectAsList();
            assertEquals(cli.rows().size(), rows.size(), () -> input + ": skipped "
                    + spark.read().option("header", "true").csv(summary.skippedTable()).collectAsList());
            for (Reports.ScoreRow c : cli.rows()) {
                Row s = rows.stream().filter(r -> r.getString(0).equals(c.id())).findFirst().orElseThrow();
                assertEquals(Double.toString(c.neroScore()), s.getString(3), c.id());
                assertEquals(Double.toString(c.methodScores().get("msp")), s.getString(10), c.id());
            }
            List<Row> skipped = spark.read().option("header", "true").csv(summary.skippedTable()).collectAsList();
            assertEquals(1, skipped.size(), input);
            assertTrue(skipped.get(0).getString(3).contains("unrecognised file format"), skipped.get(0).toString());
        }
    }

    /** Part files in name order, rows in file order: the order the job wrote them in. */
    private List<Row> orderedAsWritten(String table) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(Path.of(java.net.URI.create(table)))) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                rows.addAll(spark.read().parquet(part.toString()).collectAsList());
            }
        }
        return rows;
    }

    private static JsonObject withoutCreationTime(Path detectorFile) throws IOException {
        JsonObject root = JsonParser.parseString(Files.readString(detectorFile)).getAsJsonObject();
        JsonObject payload = root.getAsJsonObject("payload");
        assertNotNull(payload.remove("createdAt"));
        root.remove("sha256"); // of the payload, which holds the creation time
        return root;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
