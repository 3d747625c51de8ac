package nero.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.core.ProgressListener;
import nero.io.ImageSource;
import nero.model.Engine;
import nero.model.ExtractionOptions;

/**
 * A detector and its model opened once (the model's SHA-256 checked against the detector's), scoring any number
 * of sources with NERO and the chosen methods: for a process that scores many batches, such as a Spark executor.
 * Rows equal {@code score}'s for the same items. Thread-safe: concurrent calls share the model, each runs its own
 * decode and inference pipeline.
 */
public final class BatchScorer implements AutoCloseable {
    /** The rows of a source's readable items (in source order), and the items skipped with the reason. */
    public record Scored(List<Reports.ScoreRow> rows, List<Reports.Skipped> skipped) {
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
     * {@code methods}: extra method keys beside NERO as users type them ("msp,energy", "all"; empty for NERO
     * alone). {@code pipeline}: threads and batch size; ODIN's input gradients are added when it is chosen.
     */
    public static BatchScorer open(Path detectorFile, Path modelFile, List<String> methods,
            ExtractionOptions pipeline) {
        List<String> extras = MethodChoice.extras(methods);
        Engine.ensureStarted();
        LoadedDetector d = LoadedDetector.open(detectorFile, modelFile);
        return new BatchScorer(d, List.copyOf(extras), new ExtractionOptions(pipeline.batchSize(),
                pipeline.decodeThreads(), false, extras.contains("odin"), pipeline.inferenceWorkers()));
    }

    /** The extra methods, in column order. */
    public List<String> methods() {
        return methods;
    }

    /** The score table's columns, as {@code score} writes them: the fixed ones, then one per extra method. */
    public List<String> columns() {
        List<String> header = new ArrayList<>(ScoreCsv.FIXED);
        header.addAll(methods);
        return header;
    }

    /** One row's cells in {@link #columns()} order: text as {@link String}, numbers as {@link Double}. */
    public Object[] cells(Reports.ScoreRow r) {
        Object[] cells = new Object[ScoreCsv.FIXED.size() + methods.size()];
        int i = 0;
        cells[i++] = r.id();
        cells[i++] = r.predictedClass();
        cells[i++] = r.confidence();
        cells[i++] = r.neroScore();
        cells[i++] = r.distance();
        cells[i++] = r.biasTerm();
        cells[i++] = r.normRatio();
        cells[i++] = r.nearestClass();
        cells[i++] = r.threshold();
        cells[i++] = r.verdict();
        for (String m : methods) {
            cells[i++] = r.methodScores().get(m);
        }
        return cells;
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
