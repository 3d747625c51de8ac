package nero.spark;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * An executor JVM for {@link ExecutorScratchTest}: ships a model file to a local[1] task, prints the task's copy,
 * then ends normally ({@code exits}) or waits to be killed ({@code killed}).
 */
public final class ExecutorFilesProbe {
    private ExecutorFilesProbe() {
    }

    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("nero-executor-files")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        ShippedFiles shipped = ShippedFiles.ship(spark, null, Path.of(args[1]));
        String copy = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1), 1)
                .map(i -> shipped.localModel().toString()).collect().get(0);
        System.out.println("copy " + copy);
        System.out.flush();
        if (args[0].equals("killed")) {
            System.in.read(); // the test kills this JVM meanwhile
        }
        spark.stop();
    }
}
