package nero.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nero.core.InvalidInputException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The score job's output folder under faults: one marker for the whole run, written last. */
class JobOutputTest {
    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[1]").appName("nero-spark-output")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> table(int rows) {
        return spark.range(rows).toDF("n").withColumn("path", functions.concat(functions.lit("/d/"),
                functions.col("n").cast("string"), functions.lit(".jpg")));
    }

    /** A table whose computation fails, as the second table of a run whose driver is lost after the first. */
    private static Dataset<Row> failing() {
        UDF1<Long, String> lost = n -> {
            throw new IllegalStateException("the driver is lost before this table is written");
        };
        return spark.range(2).toDF("n").withColumn("path",
                functions.udf(lost, DataTypes.StringType).apply(functions.col("n")));
    }

    private static List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            // Hadoop's local file system keeps a hidden .NAME.crc beside each file
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    /**
     * Before, each table carried its own {@code _SUCCESS}: a driver lost between the two commits left
     * {@code scores/_SUCCESS} and no skipped table, which looked finished.
     */
    @Test
    void aRunLostBetweenItsTablesLeavesNoMarkerAndIsRefusedAsALeftover() throws IOException {
        Path out = tmp.resolve("run");
        JobOutput output = JobOutput.create(spark, out.toString(), "parquet");
        output.write(table(3), "scores");
        spark.sparkContext().setLogLevel("OFF"); // the failing task's stack traces, expected here
        try {
            assertThrows(Exception.class, () -> output.write(failing(), "skipped"));
        } finally {
            spark.sparkContext().setLogLevel("WARN");
        }

        assertTrue(Files.isDirectory(out.resolve("scores")));
        assertFalse(namesIn(out.resolve("scores")).contains("_SUCCESS"), namesIn(out.resolve("scores")).toString());
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        InvalidInputException again = assertThrows(InvalidInputException.class,
                () -> JobOutput.create(spark, out.toString(), "parquet"));
        assertEquals("--out: " + out + " is the leftover of a run that did not finish (no _SUCCESS: its tables may "
                + "be partial or missing); delete it and run again, or give a new folder (nothing is overwritten)",
                again.getMessage());
    }

    @Test
    void aFinishedRunHasOneMarkerWrittenAfterItsTables() throws IOException {
        Path out = tmp.resolve("done");
        JobOutput output = JobOutput.create(spark, out.toString(), "csv");
        output.write(table(3), "scores");
        output.write(table(0), "skipped");
        assertFalse(Files.exists(out.resolve("_SUCCESS")), "no marker before finish");
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("scores", 3L);
        rows.put("skipped", 0L);
        output.finish(rows);

        assertEquals(List.of("_SUCCESS", "scores", "skipped"), namesIn(out));
        assertEquals("scores\t3\nskipped\t0\n", Files.readString(out.resolve("_SUCCESS")));
        for (String t : List.of("scores", "skipped")) {
            assertTrue(namesIn(out.resolve(t)).stream().noneMatch(n -> n.equals("_SUCCESS")), t);
        }
        assertEquals(3, spark.read().option("header", "true").csv(output.path("scores")).count());
        assertTrue(assertThrows(InvalidInputException.class, () -> JobOutput.create(spark, out.toString(), "csv"))
                .getMessage().endsWith(" already holds a finished run's tables; give a new folder (nothing is "
                        + "overwritten)"));
    }
}
