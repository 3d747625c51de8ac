package nero.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nero.app.FeatureFit;
import nero.app.Reports;
import nero.app.Requests;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import nero.core.Precision;
import nero.core.ProgressListener;
import nero.io.SkippedItem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class nero.spark.FitJob nero-spark.jar --model M --train DIR [--val DIR] --out FILE}: the
 * {@code fit} command with the feature extraction spread over the cluster. The features stay on the executors'
 * storage (memory, then disk) and reach the driver one partition at a time, in ImageFolder order; the driver fits
 * the detector with the same fitter as {@code fit}, so the file equals {@code fit}'s apart from its creation time.
 * The driver holds (D + C) floats per training image plus the fitter's work: see docs/spark.md.
 */
@Command(name = "nero.spark.FitJob", mixinStandardHelpOptions = true,
        description = "Fit a NERO detector with the features extracted on a Spark cluster; the file `nero fit` writes.")
public final class FitJob implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE")
    Path model;
    @Option(names = "--train", required = true, paramLabel = "DIR", description = "ID training images, one folder per class (local path or cluster URI)")
    String train;
    @Option(names = "--val", paramLabel = "DIR", description = "ID validation images for the threshold (same layout)")
    String val;
    @Option(names = "--tpr", defaultValue = "0.95", paramLabel = "X")
    double tpr;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "detector file to write (on the driver)")
    Path out;
    @Option(names = "--k", defaultValue = "0", paramLabel = "N", description = "NERO's k (0 = the authors' 175)")
    int k;
    @Option(names = "--components", defaultValue = "0", paramLabel = "N", description = "PCA components (0 = ⌊2D/3⌋)")
    int components;
    @Option(names = "--head", defaultValue = "model", paramLabel = "model|probe",
            description = "'model' = the network's own final layer (default), 'probe' = a linear head fitted on the ID "
                    + "training images (on the driver), as `nero fit --head`")
    String head;
    @Option(names = "--precision", paramLabel = "fp32|bf16|int8",
            description = "number format the model runs in on the executors, recorded in the detector, as `nero fit "
                    + "--precision` (default: the model's own, fp32 or int8 for an int8 model)")
    String precision;
    @Option(names = "--files-per-task", defaultValue = "64", paramLabel = "N")
    int filesPerTask;

    public static void main(String[] args) {
        System.exit(JobFailure.run("fit", new FitJob(), args));
    }

    @Override
    public Integer call() {
        SparkSession spark = ExecutorLocale.utf8FileNames(SparkSession.builder().appName("NERO fit"))
                .getOrCreate();
        Reports.Fit r = run(spark);
        System.out.println("detector written to " + r.detectorFile() + ": " + r.trainImages() + " training, "
                + r.validationImages() + " validation image(s), threshold " + r.threshold() + " at TPR " + r.tpr()
                + (r.skipped().isEmpty() ? "" : "; skipped " + r.skipped().size()));
        r.skipped().forEach(s -> System.err.println("skipped " + s.id() + ": " + s.reason()));
        return JobFailure.OK;
    }

    public Reports.Fit run(SparkSession spark) {
        if (k < 0 || components < 0) {
            throw new InvalidInputException("--k and --components must be 0 (the default) or positive");
        }
        Requests.Head headChoice = Requests.Head.parse(head);
        Precision format = Precision.parse(precision);
        Requests.Fit request = new Requests.Fit(model, Path.of(train), val == null ? null : Path.of(val), tpr, out,
                null, k, components, headChoice, format);
        FeatureFit.check(request);
        ShippedFiles shipped = ShippedFiles.ship(spark, null, model);
        InputListing.Folder trainFolder = InputListing.imageFolder(spark, train);
        InputListing.Folder valFolder = val == null ? null : InputListing.imageFolder(spark, val);
        if (headChoice == Requests.Head.MODEL) { // a probe takes the training folders as its classes
            FeatureFit.checkClassFolders(model, trainFolder.classNames(), Path.of(train));
            if (valFolder != null) {
                FeatureFit.checkClassFolders(model, valFolder.classNames(), Path.of(val));
            }
        }
        List<InputFile> files = new ArrayList<>(trainFolder.files());
        long trainFiles = files.size();
        if (valFolder != null) {
            for (InputFile f : valFolder.files()) {
                files.add(new InputFile(trainFiles + f.order(), f.uri(), f.name(), f.label()));
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<FeatureRecord> records = Tasks.of(jsc, files, filesPerTask)
                .mapPartitions(new FeaturePartition(shipped, new SerializableConfiguration(jsc.hadoopConfiguration()),
                        format))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            records.count(); // extract everywhere at once; the driver then reads the stored partitions in order
            Gathered trainSet = new Gathered(trainFolder);
            Gathered valSet = valFolder == null ? null : new Gathered(valFolder);
            List<SkippedItem> skipped = new ArrayList<>();
            for (Iterator<FeatureRecord> it = records.toLocalIterator(); it.hasNext(); ) {
                FeatureRecord rec = it.next();
                Gathered into = rec.order() < trainFiles ? trainSet : valSet;
                if (rec.skipped()) {
                    skipped.add(new SkippedItem(rec.id(), rec.skipReason()));
                }
                into.add(rec);
            }
            trainSet.requireEveryClass();
            if (valSet != null) {
                valSet.requireEveryClass();
            }
            return FeatureFit.fit(request, trainSet.features(), valSet == null ? null : valSet.features(), skipped,
                    ProgressListener.NONE);
        } finally {
            records.unpersist(false);
            shipped.release();
        }
    }

    /** One tree's rows as they arrive, in order; labels become class folder indices. */
    private static final class Gathered {
        private final InputListing.Folder folder;
        private final Map<String, Integer> classIndex = new LinkedHashMap<>();
        private final Map<String, Integer> itemsPerClass = new LinkedHashMap<>();
        private final List<String> ids = new ArrayList<>();
        private final List<float[]> features = new ArrayList<>();
        private final List<float[]> logits = new ArrayList<>();
        private final List<Integer> labels = new ArrayList<>();

        Gathered(InputListing.Folder folder) {
            this.folder = folder;
            for (String c : folder.classNames()) {
                classIndex.put(c, classIndex.size());
                itemsPerClass.put(c, 0);
            }
        }

        void add(FeatureRecord r) {
            itemsPerClass.merge(r.label(), 1, Integer::sum);
            if (r.skipped()) {
                return;
            }
            ids.add(r.id());
            features.add(r.features());
            logits.add(r.logits());
            labels.add(classIndex.getOrDefault(r.label(), -1));
        }

        /** As the single-machine listing refuses a class folder without any image, DICOM file or video. */
        void requireEveryClass() {
            for (var e : itemsPerClass.entrySet()) {
                if (e.getValue() == 0) {
                    throw new InvalidInputException(folder.root() + "/" + e.getKey() + ": class folder '"
                            + e.getKey() + "' contains no images, DICOM files or videos");
                }
            }
        }

        FeatureFit.FolderFeatures features() {
            FeatureSet set = new FeatureSet(ids.toArray(String[]::new), features.toArray(float[][]::new),
                    logits.toArray(float[][]::new), labels.stream().mapToInt(Integer::intValue).toArray());
            return new FeatureFit.FolderFeatures(Path.of(InputListing.nameOf(folder.root())), folder.classNames(),
                    set);
        }
    }
}
