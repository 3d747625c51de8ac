package nero.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The jobs start their executors in C.UTF-8, where Java can open non-ASCII file names whatever the worker's locale
 * (tools/spark-cluster-test.sh runs its worker under LC_ALL=C and scores café.jpg), unless the submitter set one.
 */
class ExecutorLocaleTest {
    private static String executorLocale() {
        SparkSession spark = ExecutorLocale.utf8FileNames(SparkSession.builder().master("local[1]")
                .appName("nero-executor-locale").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1"))
                .getOrCreate();
        try {
            return spark.sparkContext().getConf().get(ExecutorLocale.KEY);
        } finally {
            spark.stop();
        }
    }

    @Test
    void executorsGetAUtf8LocaleUnlessTheSubmitterChoseOne() {
        assertEquals("C.UTF-8", executorLocale());
        System.setProperty(ExecutorLocale.KEY, "de_DE.UTF-8"); // as spark-submit --conf passes it to the driver
        try {
            assertEquals("de_DE.UTF-8", executorLocale());
        } finally {
            System.clearProperty(ExecutorLocale.KEY);
        }
    }
}
