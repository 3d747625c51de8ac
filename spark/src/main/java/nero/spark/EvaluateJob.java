package nero.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nero.app.BatchScorer;
import nero.app.Reports;
import nero.app.ScoreEvaluation;
import nero.core.methods.OodMethods;
import nero.io.SkippedItem;
import nero.model.ExtractionOptions;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class nero.spark.EvaluateJob nero-spark.jar --detector D --model M --id DIR --ood DIR --out
 * DIR}: the {@code evaluate} command with the scoring spread over the cluster; the driver gathers the scores
 * (one number per image and method) and writes {@code metrics.csv}, {@code scores.csv}, {@code roc.png} and
 * {@code histogram.png} as {@code evaluate} does.
 */
@Command(name = "nero.spark.EvaluateJob", mixinStandardHelpOptions = true,
        description = "ID test set vs OOD set on a Spark cluster: the metrics.csv `nero evaluate` writes.")
public final class EvaluateJob implements Callable<Integer> {
    private static final String ID = "id";
    private static final String OOD = "ood";

    @Option(names = "--detector", required = true, paramLabel = "FILE")
    Path detector;
    @Option(names = "--model", required = true, paramLabel = "FILE")
    Path model;
    @Option(names = "--id", required = true, paramLabel = "DIR", description = "ID test images (local path or cluster URI)")
    String id;
    @Option(names = "--ood", required = true, paramLabel = "DIR", description = "OOD images")
    String ood;
    @Option(names = "--methods", defaultValue = OodMethods.NERO, paramLabel = "LIST|all")
    String methods;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for metrics.csv and scores.csv (on the driver)")
    Path out;
    @Option(names = "--files-per-task", defaultValue = "64", paramLabel = "N")
    int filesPerTask;

    public static void main(String[] args) {
        System.exit(JobFailure.run("evaluate", new EvaluateJob(), args));
    }

    @Override
    public Integer call() {
        SparkSession spark = ExecutorLocale.utf8FileNames(SparkSession.builder().appName("NERO evaluate"))
                .getOrCreate();
        Reports.Evaluate r = run(spark);
        for (Reports.MethodMetrics m : r.metrics()) {
            System.out.printf("%-12s AUROC %.4f  FPR@95TPR %.4f%n", m.method(), m.auroc(), m.fpr95());
        }
        System.out.println("written to " + out + " (metrics.csv, scores.csv, roc.png, histogram.png)");
        if (!r.skipped().isEmpty()) {
            System.err.println(SkippedItem.listing(r.skipped())); // as `evaluate`: the unreadable files, by name
        }
        return JobFailure.OK;
    }

    public Reports.Evaluate run(SparkSession spark) {
        List<String> asked = OodMethods.withNeroFirst(OodMethods.parse(methods));
        List<String> extras;
        ScoreEvaluation.checkOutput(out, detector, model);
        // Open the pair once on the driver: refuses a detector fitted for another model, or methods it lacks,
        // before any executor starts.
        List<String> columns;
        double threshold;
        try (BatchScorer probe = BatchScorer.open(detector, model, asked.subList(1, asked.size()),
                ExtractionOptions.defaults())) {
            columns = probe.columns();
            extras = probe.methods(); // without ODIN for a model that gives no input gradients
            threshold = probe.threshold();
        }
        List<String> all = OodMethods.withNeroFirst(extras); // NERO's score is always in the row
        ShippedFiles shipped = ShippedFiles.ship(spark, detector, model);
        List<InputFile> files = new ArrayList<>();
        addAll(files, InputListing.folderFiles(spark, InputListing.qualified(spark, id), 0), ID);
        long idFiles = files.size();
        addAll(files, InputListing.folderFiles(spark, InputListing.qualified(spark, ood), idFiles), OOD);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> rows = Tasks.of(jsc, files, filesPerTask)
                .mapPartitions(new ScorePartition(shipped, extras, "" /* default stills, as evaluate */,
                        true, new SerializableConfiguration(jsc.hadoopConfiguration())));
        int labelAt = columns.size() + 3;
        Map<String, Gathered> sets = Map.of(ID, new Gathered(all), OOD, new Gathered(all));
        List<SkippedItem> skipped = new ArrayList<>();
        List<Row> collected = rows.collect(); // one number per method and image
        shipped.release();
        for (Row r : collected) {
            if (r.getString(0).equals(ScoreTable.SKIPPED)) {
                skipped.add(new SkippedItem(r.getString(1), r.getString(columns.size() + 4)));
            } else {
                sets.get(r.getString(labelAt)).add(r, columns, all);
            }
        }
        // the tables and the plots, written by the same code as `evaluate`'s
        return ScoreEvaluation.evaluate(all, sets.get(ID).scored(), sets.get(OOD).scored(), out, skipped, threshold);
    }

    private static void addAll(List<InputFile> into, List<InputFile> files, String set) {
        for (InputFile f : files) {
            into.add(new InputFile(f.order(), f.uri(), f.name(), set));
        }
    }

    private static final class Gathered {
        private final List<String> ids = new ArrayList<>();
        private final Map<String, List<Double>> scores = new LinkedHashMap<>();

        Gathered(List<String> methods) {
            methods.forEach(m -> scores.put(m, new ArrayList<>()));
        }

        void add(Row r, List<String> columns, List<String> methods) {
            ids.add(r.getString(1));
            for (String m : methods) {
                String column = m.equals(OodMethods.NERO) ? "nero_score" : m;
                scores.get(m).add(r.getDouble(1 + columns.indexOf(column)));
            }
        }

        ScoreEvaluation.ScoredSet scored() {
            Map<String, double[]> arrays = new LinkedHashMap<>();
            scores.forEach((m, list) -> arrays.put(m, list.stream().mapToDouble(Double::doubleValue).toArray()));
            return new ScoreEvaluation.ScoredSet(ids, arrays);
        }
    }
}
