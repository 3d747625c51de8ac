package nero.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nero.app.BatchScorer;
import nero.app.FeaturePass;
import nero.core.Precision;
import nero.model.ExtractionOptions;

/**
 * What an executor JVM opens once and keeps for all the tasks it runs (DJL's PyTorch model is thread-safe):
 * a {@link BatchScorer} per detector/model/method choice, a {@link FeaturePass} per model. Opening is serialised,
 * so concurrent first tasks wait for one load instead of loading the model once each.
 */
final class ExecutorModels {
    private static final Map<String, Object> OPEN = new HashMap<>();

    private ExecutorModels() {
    }

    static synchronized BatchScorer scorer(ShippedFiles files, List<String> methods, TaskThreads threads) {
        String key = "score " + files.key() + " " + methods + " " + threads;
        Object open = OPEN.get(key);
        if (open == null) {
            threads.configureEngine();
            open = BatchScorer.open(files.localDetector(), files.localModel(), methods, pipeline(threads));
            OPEN.put(key, open);
        }
        return (BatchScorer) open;
    }

    static synchronized FeaturePass featurePass(ShippedFiles files, Precision precision, TaskThreads threads) {
        String key = "features " + files.key() + " " + precision + " " + threads;
        Object open = OPEN.get(key);
        if (open == null) {
            threads.configureEngine();
            open = FeaturePass.open(files.localModel(), precision, pipeline(threads));
            OPEN.put(key, open);
        }
        return (FeaturePass) open;
    }

    private static ExtractionOptions pipeline(TaskThreads threads) {
        return new ExtractionOptions(0, threads.decodeThreads(), false, false, threads.inferenceWorkers());
    }
}
