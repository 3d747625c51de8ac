package nero.spark;

import nero.io.FileNameEncoding;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Executors that can open files with non-ASCII names. Java fixes its file-name encoding from the locale when it
 * starts; executors inherit the worker's environment, and a worker started by systemd or in a bare container runs
 * in the C locale, where Java cannot open {@code café.jpg} (the file would be reported unreadable). The jobs
 * therefore start their executors in C.UTF-8 (C in every other respect) unless {@code spark.executorEnv.LC_ALL} is
 * set (set it to the executors' own UTF-8 locale where C.UTF-8 is missing, as on glibc before 2.35 without it).
 * The driver is started by {@code spark-submit} in the user's environment: it warns when that is the C locale
 * (docs/spark.md).
 */
final class ExecutorLocale {
    static final String KEY = "spark.executorEnv.LC_ALL";
    static final String UTF8 = "C.UTF-8";

    private ExecutorLocale() {
    }

    /**
     * The job's session builder with the executors' locale, unless the submitter set one. A driver that itself runs
     * in the C locale (it lists the inputs) says so once on stderr: it cannot name such files.
     */
    static SparkSession.Builder utf8FileNames(SparkSession.Builder builder) {
        if (FileNameEncoding.asciiOnly()) {
            System.err.println("nero: warning: the driver's Java runs in the C/POSIX locale, where input files with"
                    + " non-ASCII names cannot be named: they will be reported unreadable; run spark-submit with"
                    + " LC_ALL=C.UTF-8");
        }
        return new SparkConf().contains(KEY) ? builder : builder.config(KEY, UTF8);
    }
}
