package nero.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.core.DetectorFile;
import nero.core.DetectorState;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import nero.core.Relevance;
import nero.core.probe.LinearProbe;
import nero.io.DecodeMode;
import nero.io.SkippedItem;
import nero.model.Classifier;

/**
 * The second half of {@code fit}: a detector from training (and validation) features extracted elsewhere, e.g.
 * by {@link FeaturePass} on a cluster. Given the same features in the same order as {@code fit} extracts them
 * (ImageFolder order), it writes the same detector file, apart from the creation time.
 */
public final class FeatureFit {
    private FeatureFit() {
    }

    /**
     * One ImageFolder tree's features: {@code folders} are its class folders (sorted, as listed), and the feature
     * set's labels index them (−1 where unknown).
     */
    public record FolderFeatures(Path root, List<String> folders, FeatureSet features) {
    }

    /**
     * Fits NERO and the baselines on {@code train} (with {@code request.head()} PROBE, first a linear probe on
     * the training folders, which then gives the logits), calibrates on {@code validation} (null: on the training
     * features), and writes {@code request.out()}. The detector records the decode mode {@code -Dnero.decode} sets
     * here, the one the features were extracted with. {@code request.trainDir()}/{@code valDir()} are only named in
     * messages; {@code skipped} are the items the extraction left out, passed through to the report.
     */
    public static Reports.Fit fit(Requests.Fit request, FolderFeatures train, FolderFeatures validation,
            List<SkippedItem> skipped, ProgressListener progress) {
        check(request);
        try (Classifier classifier = Classifier.load(request.model(), null, request.precision())) {
            return fit(classifier, request, train, validation, skipped, progress);
        }
    }

    /** With the model already open (the single-machine fit has just extracted the features with it). */
    static Reports.Fit fit(Classifier model, Requests.Fit request, FolderFeatures train,
            FolderFeatures validation, List<SkippedItem> skipped, ProgressListener progress) {
        boolean withProbe = request.head() == Requests.Head.PROBE;
        // labels: the model's class indices, or with a probe the training folders' (a validation folder that is
        // not a training class gets -1)
        FeatureSet trainSet = withProbe ? train.features() : withModelLabels(train, model);
        FeatureSet validationSet = validation == null ? null
                : withProbe ? relabelled(validation, train.folders()) : withModelLabels(validation, model);
        if (trainSet.size() == 0) {
            throw new InvalidInputException("no readable image among the training images in " + train.root());
        }
        Classifier classifier = model;
        LinearProbe probe = null;
        List<String> classes;
        if (withProbe) {
            probe = fitProbe(trainSet, train.folders(), train.root(), progress);
            classifier = model.withHead(probe.head()); // shares the model, closed with it
            trainSet = withLogits(trainSet, classifier);
            validationSet = validationSet == null ? null : withLogits(validationSet, classifier);
            classes = train.folders();
        } else {
            classes = ClassNames.forDetector(model.info().classNames(), train.folders());
        }
        DetectorState state;
        try {
            state = DetectorFitter.fit(classifier.info(), classifier.head(), classes, trainSet, validationSet,
                    request.tpr(), request.neroParameters(), ModelLocation.reference(request.model(),
                            request.out()), progress).withProbe(probe).withDecode(DecodeMode.configured().key());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("cannot fit a detector on the " + trainSet.size()
                    + " training image(s) in " + train.root() + ": " + e.getMessage(), e);
        }
        progress.checkCancelled();
        if (request.vectorsDir() != null) {
            VectorFiles.write(request.vectorsDir(), trainSet, classes,
                    Relevance.compute(trainSet, classifier.head()));
        }
        DetectorFile.save(request.out(), state);
        return new Reports.Fit(request.out(), trainSet.size(), validationSet == null ? 0 : validationSet.size(),
                classes, state.threshold(), state.tpr(),
                !withProbe && ClassNames.generic(classes) ? Double.NaN : trainSet.accuracy(), skipped, probe,
                classesWithoutImages(classes, trainSet), state.precision());
    }

    private static List<String> classesWithoutImages(List<String> classes, FeatureSet train) {
        boolean[] seen = new boolean[classes.size()];
        for (int label : train.labels()) {
            if (label >= 0 && label < seen.length) {
                seen[label] = true;
            }
        }
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < seen.length; c++) {
            if (!seen[c]) {
                missing.add(classes.get(c));
            }
        }
        return missing;
    }

    /** The linear probe on the training features, the class folders naming the classes. */
    private static LinearProbe fitProbe(FeatureSet train, List<String> classFolders, Path trainDir,
            ProgressListener progress) {
        try {
            return LinearProbe.fit(train.features(), train.labels(), classFolders, progress);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("cannot fit a linear probe on the " + train.size() + " training image(s)"
                    + " in " + trainDir + ": " + e.getMessage(), e);
        }
    }

    /** The same samples with the logits of {@code classifier}'s head (the probe's instead of the model's). */
    private static FeatureSet withLogits(FeatureSet set, Classifier classifier) {
        return new FeatureSet(set.ids(), set.features(), classifier.logitsOf(set.features()), set.labels());
    }

    /** Folder indices of {@code f} → indices of the same names in {@code classes} (−1 where absent). */
    private static FeatureSet relabelled(FolderFeatures f, List<String> classes) {
        int[] labels = f.features().labels();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labels[i] < 0 ? -1 : classes.indexOf(f.folders().get(labels[i]));
        }
        return f.features();
    }

    /**
     * Refuses class folders that are not the model's classes (by name), as {@code fit} does before reading any
     * image: for a driver that lists the folders before the cluster extracts their features. Opens the model.
     */
    public static void checkClassFolders(Path model, List<String> folders, Path root) {
        try (Classifier classifier = Classifier.load(model)) {
            ClassNames.folderToModel(folders, classifier.info().classNames(), root);
        }
    }

    /** Refuses a request that cannot succeed (tpr, output paths) before any feature is extracted. */
    public static void check(Requests.Fit request) {
        if (!(request.tpr() > 0 && request.tpr() < 1)) {
            throw new InvalidInputException("tpr must be between 0 and 1 (exclusive), got " + request.tpr());
        }
        Path[] inputs = {request.model(), request.model() == null ? null : Classifier.sidecarOf(request.model()),
            request.trainDir(), request.valDir()};
        OutputTargets.checkFile(request.out(), "detector file");
        OutputTargets.checkNotAnInput(request.out(), "detector file", inputs);
        OutputTargets.checkFolder(request.vectorsDir(), "vectors folder", false, inputs);
        OutputTargets.Output vectors = OutputTargets.Output.folder("vectors folder", request.vectorsDir(),
                VectorFiles.NAMES);
        OutputTargets.checkNotAnInput(vectors, inputs);
        OutputTargets.checkApart(OutputTargets.Output.file("detector file", request.out()), vectors);
    }

    /** Folder indices → the model's class indices, as {@code fit} labels an ImageFolder tree. */
    private static FeatureSet withModelLabels(FolderFeatures f, Classifier classifier) {
        int[] toModel = ClassNames.folderToModel(f.folders(), classifier.info().classNames(), f.root());
        int[] labels = f.features().labels();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labels[i] < 0 ? -1 : toModel[labels[i]];
        }
        return f.features();
    }
}
