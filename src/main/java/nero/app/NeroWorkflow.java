package nero.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import nero.core.Relevance;
import nero.core.methods.OodMethods;
import nero.io.DecodeMode;
import nero.io.ImageSource;
import nero.io.SkippedItem;
import nero.io.SourceItem;
import nero.io.source.ImageFolderSource;
import nero.io.source.ImageSources;
import nero.io.source.OpenImages;
import nero.model.Classifier;

/**
 * The four jobs as plain methods; the SciJava commands and the command line are thin shells over this class.
 * Data flows one way: image → tensor → logits, features → relevance → score → reports.
 */
public final class NeroWorkflow {
    private final ProgressListener progress;

    public NeroWorkflow(ProgressListener progress) {
        this.progress = Objects.requireNonNull(progress);
    }

    /** Features extracted here, then {@link FeatureFit} (which a cluster job calls with features from elsewhere). */
    public Reports.Fit fit(Requests.Fit r) {
        FeatureFit.check(r);
        List<SkippedItem> skipped = new ArrayList<>();
        try (Classifier classifier = Classifier.load(r.model(), null, r.precision())) {
            boolean checkClasses = r.head() == Requests.Head.MODEL;
            FeatureFit.FolderFeatures train = extractFolder(classifier, r.trainDir(), "training images", skipped,
                    checkClasses);
            FeatureFit.FolderFeatures validation = r.valDir() == null ? null
                    : extractFolder(classifier, r.valDir(), "validation images", skipped, checkClasses);
            progress.checkCancelled();
            return FeatureFit.fit(classifier, r, train, validation, skipped, progress);
        }
    }

    /**
     * Features of an ImageFolder tree, labelled with the class folders' indices. With the model's head
     * ({@code checkClasses}) the folders must be named after the model's classes (the sidecar's class_names), as
     * PyTorch's ImageFolder order made them in training: checked before any image is read.
     */
    private FeatureFit.FolderFeatures extractFolder(Classifier classifier, Path dir, String what,
            List<SkippedItem> skipped, boolean checkClasses) {
        try (ImageFolderSource source = ImageSources.imageFolder(dir)) {
            if (checkClasses) {
                ClassNames.folderToModel(source.classNames(), classifier.info().classNames(), dir);
            }
            FeatureSet fs = SourceFeatures.extract(classifier, source, what, dir.toString(), false,
                    DecodeMode.configured(), progress, skipped);
            return new FeatureFit.FolderFeatures(dir, source.classNames(), fs);
        }
    }

    public Reports.Score score(Requests.Score r) {
        List<SkippedItem> skipped = new ArrayList<>();
        List<String> asked = OodMethods.besidesNero(r.methods());
        boolean hasFiles = r.inputs() != null && !r.inputs().isEmpty();
        boolean hasImages = r.images() != null && !r.images().isEmpty();
        if (!hasFiles && !hasImages) {
            throw new InvalidInputException("nothing to score: give image files, folders, DICOM files or videos");
        }
        OutputTargets.checkFile(r.csvOut(), "score table");
        List<Path> readFiles = new ArrayList<>(hasFiles ? r.inputs() : List.of());
        readFiles.add(r.detector());
        OutputTargets.checkNotAnInput(r.csvOut(), "score table", readFiles.toArray(Path[]::new));
        OutputTargets.checkFolder(r.vectorsDir(), "vectors folder", false, readFiles.toArray(Path[]::new));
        VideoTimelines.Subject timelineSubject = VideoTimelines.check(r, readFiles.toArray(Path[]::new));
        Requests.Timeline timeline = r.timeline();
        OutputTargets.checkApart(OutputTargets.Output.file("score table", r.csvOut()),
                OutputTargets.Output.folder("vectors folder", r.vectorsDir(), VectorFiles.NAMES),
                OutputTargets.Output.file("timeline picture", timeline == null ? null : timeline.picture()),
                OutputTargets.Output.file("segments table", timeline == null ? null : timeline.segmentsCsv()));
        try (LoadedDetector d = LoadedDetector.open(r.detector(), r.model())) {
            List<String> methods = GradientMethods.supported(asked, d.classifier());
            boolean odin = OodMethods.anyNeeds(methods, OodMethods.Needs.INPUT_GRADIENTS);
            // the model (found through the detector when not given) and its sidecar are inputs too
            OutputTargets.checkNotAnInput(r.csvOut(), "score table", d.modelFiles());
            OutputTargets.checkNotAnInput(r.vectorsDir(), "vectors folder", d.modelFiles());
            VideoTimelines.check(r, d.modelFiles());
            List<Path> inputs = new ArrayList<>(readFiles);
            inputs.addAll(List.of(d.modelFiles()));
            OutputTargets.checkNotAnInput(OutputTargets.Output.folder("vectors folder", r.vectorsDir(),
                    VectorFiles.NAMES), inputs.toArray(Path[]::new));
            List<Reports.ScoreRow> rows = new ArrayList<>();
            List<FeatureSet> parts = new ArrayList<>();
            if (hasFiles) {
                try (ImageSource s = ImageSources.open(r.inputs(), r.videoStills())) {
                    parts.add(SourceFeatures.extract(d.classifier(), s, "images", describe(r.inputs()), odin,
                            d.decode(), progress, skipped));
                }
            }
            if (hasImages) {
                try (ImageSource s = ImageSources.of(r.images())) {
                    parts.add(SourceFeatures.extract(d.classifier(), s, "open images", "ImageJ", odin, d.decode(),
                            progress,
                            skipped));
                }
            }
            for (FeatureSet fs : parts) {
                rows.addAll(d.rows(fs, methods));
            }
            if (r.vectorsDir() != null) {
                FeatureSet all = FeatureSet.concat(parts);
                VectorFiles.write(r.vectorsDir(), all, d.state().classNames(),
                        Relevance.compute(all, d.classifier().head()));
            }
            if (timelineSubject != null) {
                timelineSubject.write(rows, timeline);
            }
            if (r.csvOut() != null) {
                ScoreCsv.write(r.csvOut(), rows, methods);
            }
            return new Reports.Score(rows, methods, r.csvOut(), skipped);
        }
    }

    /** The inputs for a message: the path, or the first path and how many more. */
    private static String describe(List<Path> inputs) {
        return inputs.size() == 1 ? inputs.get(0).toString()
                : inputs.get(0) + " and " + (inputs.size() - 1) + " more input(s)";
    }

    public Reports.Evaluate evaluate(Requests.Evaluate r) {
        List<SkippedItem> skipped = new ArrayList<>();
        OutputTargets.checkFolder(r.outDir(), "output folder", true, r.idDir(), r.oodDir(), r.detector(),
                r.model());
        try (LoadedDetector d = LoadedDetector.open(r.detector(), r.model())) {
            List<Path> inputs = new ArrayList<>(List.of(d.modelFiles()));
            inputs.add(r.detector());
            OutputTargets.checkNotAnInput(OutputTargets.Output.folder("output folder", r.outDir(),
                    EvaluationFiles.NAMES), inputs.toArray(Path[]::new));
            List<String> methods = GradientMethods.supported(OodMethods.withNeroFirst(r.methods()), d.classifier());
            boolean odin = OodMethods.anyNeeds(methods, OodMethods.Needs.INPUT_GRADIENTS);
            FeatureSet id;
            FeatureSet ood;
            try (ImageSource s = ImageSources.open(r.idDir())) {
                id = SourceFeatures.extract(d.classifier(), s, "ID test images", r.idDir().toString(), odin,
                        d.decode(), progress, skipped);
            }
            try (ImageSource s = ImageSources.open(r.oodDir())) {
                ood = SourceFeatures.extract(d.classifier(), s, "OOD images", r.oodDir().toString(), odin,
                        d.decode(), progress, skipped);
            }
            Map<String, double[]> idScores = new LinkedHashMap<>();
            Map<String, double[]> oodScores = new LinkedHashMap<>();
            int done = 0;
            for (String key : methods) {
                progress.checkCancelled();
                progress.progress("scoring " + key, done++, methods.size());
                idScores.put(key, d.scores(key, id));
                oodScores.put(key, d.scores(key, ood));
            }
            return ScoreEvaluation.evaluate(methods, new ScoreEvaluation.ScoredSet(List.of(id.ids()), idScores),
                    new ScoreEvaluation.ScoredSet(List.of(ood.ids()), oodScores), r.outDir(), skipped,
                    d.state().threshold());
        }
    }

    /**
     * One image explained; a source of several (a folder, a multi-frame DICOM, a video) gives a montage of its most
     * OOD images. The source is opened and read once.
     */
    public Reports.Explain explain(Requests.Explain r) {
        OutputTargets.checkFolder(r.outDir(), "output folder", true,
                r.imageFile() != null && Files.isDirectory(r.imageFile()) ? r.imageFile() : null);
        String beside = OutputTargets.besideInputs(r.outDir(), "output folder", folderOfExplainedImage(r));
        Reports.Explain report = explainChecked(r);
        if (beside != null) { // said once the views are written, so that bad input stays one message
            progress.warn(beside);
        }
        return report;
    }

    private Reports.Explain explainChecked(Requests.Explain r) {
        try (LoadedDetector d = LoadedDetector.open(r.detector(), r.model())) {
            Explainer explainer = new Explainer(d);
            if (r.image() != null) { // an unchanged reading of a file is that file, as for a score
                return explainer.explain(OpenImages.item(r.image()), r.outDir());
            }
            if (r.imageFile() == null) {
                throw new InvalidInputException("no image to explain: give an image file or open an image");
            }
            try (ImageSource s = ImageSources.open(r.imageFile())) {
                Iterator<SourceItem> items = s.iterator();
                if (!items.hasNext()) {
                    throw new InvalidInputException("no image in " + r.imageFile());
                }
                SourceItem first = items.next();
                if (!items.hasNext()) {
                    return explainer.explain(first, r.outDir());
                }
                return BatchExplain.montage(d, explainer, BatchExplain.resumed(s, first, items),
                        r.imageFile().toString(), r.topN(), r.outDir(), progress);
            }
        }
    }

    /** The folder holding the one image explained (a file, or the file the current image was opened from), or null. */
    private static Path folderOfExplainedImage(Requests.Explain r) {
        if (r.imageFile() != null) {
            return Files.isDirectory(r.imageFile()) ? null : r.imageFile().toAbsolutePath().getParent();
        }
        ij.io.FileInfo opened = r.image() == null ? null : r.image().getOriginalFileInfo();
        return opened == null || opened.directory == null || opened.directory.isEmpty() ? null
                : Path.of(opened.directory);
    }
}
