package nero.app;

import java.nio.file.Path;
import java.util.List;
import nero.core.ProgressListener;
import nero.core.methods.OodMethods;
import nero.io.ImageSource;
import nero.io.SkippedItem;
import nero.model.ExtractionOptions;

/**
 * A detector and its model opened once (the model's SHA-256 checked against the detector's), scoring any number
 * of sources with NERO and the chosen methods: for a process that scores many batches, such as a Spark executor.
 * Rows equal {@code score}'s for the same items. Thread-safe: concurrent calls share the model, each runs its own
 * decode and inference pipeline.
 */
public final class BatchScorer implements AutoCloseable {
    /** The rows of a source's readable items (in source order), and the items skipped with the reason. */
    public record Scored(List<Reports.ScoreRow> rows, List<SkippedItem> skipped) {
    }

    private final LoadedDetector detector;
    private final List<String> methods;
    private final ExtractionOptions options;

    private BatchScorer(LoadedDetector detector, List<String> methods, ExtractionOptions options) {
        this.detector = detector;
        this.methods = methods;
        this.options = options;
    }

    /**
     * {@code methods}: method keys ({@link OodMethods#parse}; NERO is always scored, "all" means every method).
     *  {@code pipeline}: threads and batch size; ODIN's input gradients are added when it is chosen.
     */
    public static BatchScorer open(Path detectorFile, Path modelFile, List<String> methods,
            ExtractionOptions pipeline) {
        LoadedDetector d = LoadedDetector.open(detectorFile, modelFile);
        List<String> extras;
        try {
            extras = GradientMethods.supported(OodMethods.besidesNero(methods), d.classifier());
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return new BatchScorer(d, List.copyOf(extras), new ExtractionOptions(pipeline.batchSize(),
                pipeline.decodeThreads(), false, OodMethods.anyNeeds(extras, OodMethods.Needs.INPUT_GRADIENTS),
                pipeline.inferenceWorkers(), d.decode()));
    }

    /** The extra methods, in column order. */
    public List<String> methods() {
        return methods;
    }

    /** The score table's columns, as {@code score} writes them ({@link Reports.ScoreRow#header}). */
    public List<String> columns() {
        return Reports.ScoreRow.header(methods);
    }

    /** The detector's NERO threshold (OOD above it). */
    public double threshold() {
        return detector.state().threshold();
    }

    /** Scores every item of the source; a source without any readable item gives no rows (not an error). */
    public Scored score(ImageSource source, ProgressListener progress) {
        FeaturePass.Features f = FeaturePass.extract(detector.classifier(), options, source, progress);
        List<Reports.ScoreRow> rows;
        synchronized (detector) { // the detector builds its baselines on first use
            rows = f.features().size() == 0 ? List.of() : detector.rows(f.features(), methods);
        }
        return new Scored(rows, f.skipped());
    }

    @Override
    public void close() {
        detector.close();
    }
}
