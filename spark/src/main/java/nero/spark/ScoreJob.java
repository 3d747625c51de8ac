package nero.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nero.app.BatchScorer;
import nero.core.InvalidInputException;
import nero.core.methods.OodMethods;
import nero.io.video.FrameSampling;
import nero.model.ExtractionOptions;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class nero.spark.ScoreJob nero-spark.jar --detector D --model M --input DIR|LIST|TABLE --out
 * DIR}: the {@code score} command over a cluster. Writes {@code DIR/scores} (the score CSV's columns, then
 * {@code source_file} and {@code item}) and {@code DIR/skipped} ({@code source_file, path, item, reason}), in the
 * order {@code score} prints them, then {@code DIR/_SUCCESS} (rows per table), the sign that the run finished.
 */
@Command(name = "nero.spark.ScoreJob", mixinStandardHelpOptions = true,
        description = "Score images, DICOM objects and videos on a Spark cluster, with the rows `nero score` gives.")
public final class ScoreJob implements Callable<Integer> {
    @Option(names = "--detector", required = true, paramLabel = "FILE", description = "detector file written by fit")
    Path detector;
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "the classifier it was fitted for")
    Path model;
    @Option(names = "--input", required = true, paramLabel = "DIR|LIST|TABLE",
            description = "a folder (listed recursively), a text file naming one file per line, or a Parquet table "
                    + "with a path column; local paths or cluster URIs (hdfs://, s3a://…)")
    String input;
    @Option(names = "--input-type", defaultValue = "auto", paramLabel = "auto|dir|list|parquet",
            description = "how to read --input (default: ${DEFAULT-VALUE}: by what it is and its name)")
    String inputType;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (must not exist)")
    String out;
    @Option(names = "--format", defaultValue = "parquet", paramLabel = "parquet|csv",
            description = "table format (default: ${DEFAULT-VALUE})")
    String format;
    @Option(names = "--methods", paramLabel = "LIST", description = "extra methods beside NERO, comma-separated, or 'all'")
    String methods;
    @Option(names = "--video-step", defaultValue = "1s", paramLabel = "STEP",
            description = "stills from videos: every N seconds (2s), every N frames (25f) or all (default: ${DEFAULT-VALUE})")
    String videoStep;
    @Option(names = "--files-per-task", defaultValue = "64", paramLabel = "N",
            description = "files per task (default: ${DEFAULT-VALUE}; fewer for videos)")
    int filesPerTask;

    /** What a run did. */
    public record Summary(long scored, long skipped, String scoresTable, String skippedTable) {
    }

    public static void main(String[] args) {
        System.exit(JobFailure.run("score", new ScoreJob(), args));
    }

    @Override
    public Integer call() {
        SparkSession spark = ExecutorLocale.utf8FileNames(SparkSession.builder().appName("NERO score"))
                .getOrCreate();
        Summary s = run(spark);
        System.out.println("scored " + s.scored() + " image(s) or still(s) → " + s.scoresTable()
                + (s.skipped() > 0 ? "; skipped " + s.skipped() + " → " + s.skippedTable() : "; none skipped"));
        return JobFailure.OK;
    }

    /** The job in an existing session (as tests and other drivers call it). */
    public Summary run(SparkSession spark) {
        JobOutput output = JobOutput.create(spark, out, format);
        FrameSampling.parse(videoStep, "--video-step"); // refuse a bad step before anything runs
        List<String> methodList = OodMethods.parse(methods);
        List<String> extras;
        List<String> columns;
        org.apache.spark.sql.types.StructType schema;
        // Open the pair once on the driver: refuses a detector fitted for another model, or methods it lacks,
        // before any executor starts; and gives the table's columns.
        try (BatchScorer probe = BatchScorer.open(detector, model, methodList, ExtractionOptions.defaults())) {
            extras = probe.methods();
            schema = ScoreTable.combined(probe);
            columns = new ArrayList<>(probe.columns());
        }
        ShippedFiles shipped = ShippedFiles.ship(spark, detector, model);
        InputListing.Listing listing = InputListing.of(spark, input, inputKind(inputType));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> rows = Tasks.of(jsc, listing.files(), filesPerTask).mapPartitions(new ScorePartition(shipped,
                extras, videoStep, listing.fromFolder(), new SerializableConfiguration(jsc.hadoopConfiguration())));
        Dataset<Row> combined = spark.createDataFrame(rows, schema).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> scores = ScoreTable.scores(combined, columns);
            Dataset<Row> skipped = ScoreTable.skipped(combined);
            output.write(scores, "scores");
            output.write(skipped, "skipped");
            Summary done = new Summary(scores.count(), skipped.count(), output.path("scores"), output.path("skipped"));
            Map<String, Long> rowsPerTable = new LinkedHashMap<>();
            rowsPerTable.put("scores", done.scored());
            rowsPerTable.put("skipped", done.skipped());
            output.finish(rowsPerTable); // last: the folder is a finished run only from here on
            return done;
        } finally {
            combined.unpersist();
            shipped.release();
        }
    }

    static InputListing.Kind inputKind(String text) {
        try {
            return InputListing.Kind.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--input-type: '" + text + "' is not one of auto, dir, list, parquet");
        }
    }
}
