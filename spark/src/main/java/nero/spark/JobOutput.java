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

/** A job's output folder (local or on the cluster's storage): new, never overwritten; tables as Parquet or CSV. */
final class JobOutput {
    private final org.apache.hadoop.fs.Path root;
    private final String format;

    private JobOutput(org.apache.hadoop.fs.Path root, String format) {
        this.root = root;
        this.format = format;
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
                throw new InvalidInputException("--out: " + out + " already exists; give a new folder (nothing is "
                        + "overwritten)");
            }
        } catch (IOException e) {
            throw new InvalidInputException("--out: " + out + ": " + e.getMessage(), e);
        }
        return new JobOutput(root, f);
    }

    void write(Dataset<Row> table, String name) {
        if (format.equals("parquet")) {
            table.write().mode(SaveMode.ErrorIfExists).format(format).save(path(name));
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
        safe.write().mode(SaveMode.ErrorIfExists).format(format).option("header", "true").option("escape", "\"")
                .option("ignoreLeadingWhiteSpace", "false").option("ignoreTrailingWhiteSpace", "false")
                .option("lineSep", "\n").save(path(name));
    }

    String path(String name) {
        return new org.apache.hadoop.fs.Path(root, name).toString();
    }
}
