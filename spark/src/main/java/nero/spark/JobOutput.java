package nero.spark;

import java.io.IOException;
import java.util.Locale;
import nero.core.InvalidInputException;
import nero.io.table.CsvTables;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * A job's output folder (local or on the cluster's storage): new, never overwritten; tables as Parquet or CSV. Each
 * table is committed by Spark as it is written (without the table's own {@code _SUCCESS}); {@link #finish} then
 * writes the one marker of the whole job, {@code DIR/_SUCCESS}, last: a folder without it is a run that did not
 * finish (a driver lost between two tables), whatever tables it holds.
 */
final class JobOutput {
    static final String MARKER = "_SUCCESS";
    /** Hadoop's switch for the per-table {@code _SUCCESS} of its output committer. */
    private static final String TABLE_MARKER = "mapreduce.fileoutputcommitter.marksuccessfuljobs";

    private final org.apache.hadoop.fs.Path root;
    private final String format;
    private final org.apache.hadoop.conf.Configuration hadoop;

    private JobOutput(org.apache.hadoop.fs.Path root, String format, org.apache.hadoop.conf.Configuration hadoop) {
        this.root = root;
        this.format = format;
        this.hadoop = hadoop;
    }

    static JobOutput create(SparkSession spark, String out, String format) {
        String f = format == null ? "parquet" : format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("parquet") && !f.equals("csv")) {
            throw new InvalidInputException("--format: '" + format + "' is not parquet or csv");
        }
        org.apache.hadoop.fs.Path root = InputListing.qualified(spark, out);
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(root)) {
                throw new InvalidInputException("--out: " + out + taken(fs, root));
            }
        } catch (IOException e) {
            throw new InvalidInputException("--out: " + out + ": " + e.getMessage(), e);
        }
        return new JobOutput(root, f, spark.sparkContext().hadoopConfiguration());
    }

    /** What the existing folder is, for the refusal to reuse it. */
    private static String taken(FileSystem fs, org.apache.hadoop.fs.Path root) throws IOException {
        if (fs.exists(new org.apache.hadoop.fs.Path(root, MARKER))) {
            return " already holds a finished run's tables; give a new folder (nothing is overwritten)";
        }
        if (fs.getFileStatus(root).isDirectory() && fs.listStatus(root).length > 0) {
            return " is the leftover of a run that did not finish (no " + MARKER + ": its tables may be partial "
                    + "or missing); delete it and run again, or give a new folder (nothing is overwritten)";
        }
        return " already exists; give a new folder (nothing is overwritten)";
    }

    void write(Dataset<Row> table, String name) {
        if (format.equals("parquet")) {
            table.write().mode(SaveMode.ErrorIfExists).format(format).option(TABLE_MARKER, "false").save(path(name));
            return;
        }
        // the command line's CSV (io.CsvTables): RFC 4180 quotes ("" inside, not Spark's backslash), cells kept as
        // they are (Spark trims spaces at both ends when writing), text a spreadsheet would run as a formula defused
        Dataset<Row> safe = table;
        UserDefinedFunction defuse = functions.udf((UDF1<String, String>) CsvTables::safeCell, DataTypes.StringType);
        for (StructField f : table.schema().fields()) {
            if (f.dataType().equals(DataTypes.StringType)) {
                safe = safe.withColumn(f.name(), defuse.apply(functions.col(f.name())));
            }
        }
        safe.write().mode(SaveMode.ErrorIfExists).format(format).option(TABLE_MARKER, "false")
                .option("header", "true").option("escape", "\"")
                .option("ignoreLeadingWhiteSpace", "false").option("ignoreTrailingWhiteSpace", "false")
                .option("lineSep", "\n").save(path(name));
    }

    /**
     * Marks the run as finished, after every table was written: {@code DIR/_SUCCESS} with one line per table
     * ({@code name<TAB>rows}), written under a temporary name and renamed into place.
     */
    void finish(java.util.Map<String, Long> rowsPerTable) {
        StringBuilder text = new StringBuilder();
        rowsPerTable.forEach((name, rows) -> text.append(name).append('\t').append(rows).append('\n'));
        org.apache.hadoop.fs.Path marker = new org.apache.hadoop.fs.Path(root, MARKER);
        org.apache.hadoop.fs.Path writing = new org.apache.hadoop.fs.Path(root, "_" + MARKER + ".writing");
        try {
            FileSystem fs = root.getFileSystem(hadoop);
            try (var out = fs.create(writing, false)) {
                out.write(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (!fs.rename(writing, marker)) {
                throw new IOException("cannot rename " + writing + " to " + MARKER);
            }
        } catch (IOException e) {
            throw new InvalidInputException("--out: cannot write " + marker + ": " + e.getMessage(), e);
        }
    }

    String path(String name) {
        return new org.apache.hadoop.fs.Path(root, name).toString();
    }
}
