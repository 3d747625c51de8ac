package nero.app;

import java.nio.file.Path;
import java.util.List;
import nero.core.FeatureSet;
import nero.core.Precision;
import nero.core.ProgressListener;
import nero.io.SkippedItem;
import nero.io.DecodeMode;
import nero.io.ImageSource;
import nero.model.Classifier;
import nero.model.Extraction;
import nero.model.ExtractionOptions;
import nero.model.FeatureExtractor;
import nero.model.ModelInfo;

/**
 * A model opened once, giving the features of any number of sources: the part of a fit that a cluster spreads
 * over its machines (the detector itself is then fitted in one place by {@link FeatureFit}). Thread-safe:
 * concurrent calls share the model, each runs its own pipeline.
 */
public final class FeaturePass implements AutoCloseable {
    /** The features of a source's readable items (in source order), and the items skipped with the reason. */
    public record Features(FeatureSet features, List<SkippedItem> skipped) {
    }

    private final Classifier classifier;
    private final ExtractionOptions options;

    private FeaturePass(Classifier classifier, ExtractionOptions options) {
        this.classifier = classifier;
        this.options = options;
    }

    /** {@code options}: the pipeline's threads and batch size (ODIN and feature maps are never computed here). */
    public static FeaturePass open(Path modelFile, ExtractionOptions options) {
        return open(modelFile, null, options);
    }

    /** As {@link #open(Path, ExtractionOptions)}, the model run in {@code precision} (null: the model's own). */
    public static FeaturePass open(Path modelFile, Precision precision, ExtractionOptions options) {
        return new FeaturePass(Classifier.load(modelFile, null, precision), new ExtractionOptions(options.batchSize(),
                options.decodeThreads(), false, false, options.inferenceWorkers()));
    }

    public ModelInfo model() {
        return classifier.info();
    }

    /**
     * Labels are indices into {@code source.classNames()} (−1 where unknown). Unlike the single-machine jobs, a
     * source without any readable item is not an error here: it is one part of a larger set.
     */
    public Features extract(ImageSource source, ProgressListener progress) {
        return extract(classifier, options, source, progress);
    }

    /** The same, decoding files in {@code decode} (a fit's driver's mode, recorded in its detector). */
    public Features extract(ImageSource source, ProgressListener progress, DecodeMode decode) {
        return extract(classifier, options.decoding(decode), source, progress);
    }

    static Features extract(Classifier classifier, ExtractionOptions options, ImageSource source,
            ProgressListener progress) {
        Extraction e = new FeatureExtractor(classifier, options).extract(source, progress);
        return new Features(e.features(), e.skipped().stream().map(SkippedItem::withoutRepeatedId).toList());
    }

    @Override
    public void close() {
        classifier.close();
    }
}
