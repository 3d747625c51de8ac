package nero.model;

import nero.core.Preprocessing;
import nero.io.DecodeMode;

/**
 * How {@link FeatureExtractor} runs.
 *
 * @param batchSize      images per inference call; 0 = automatic (8, or 32 for inputs of 64×64 or smaller)
 * @param decodeThreads  threads decoding and preprocessing ahead of inference; 0 = automatic (the cores libtorch does not use, 1..4,
 *                       growing up to the cores, at most 4, while decoding is the slower stage in CPU per image:
 *                       {@link FeatureExtractor})
 * @param withFeatureMap also keep every image's feature map (n×D×h×w; memory grows with n, so only for few images)
 * @param withOdin       also compute ODIN logits (input perturbation with {@link #ODIN_TEMPERATURE} and {@link #ODIN_EPSILON})
 *                       into {@link nero.core.FeatureSet#ODIN_LOGITS}; costs about three extra passes per image
 * @param inferenceWorkers batches run concurrently; 0 = automatic ({@link Engine#inferenceWorkers()}). A caller
 *                       that shares the machine with other pipelines (a Spark task) sets it from its own core share.
 * @param decode         how files are decoded for the model (the detector's mode when scoring); null = the mode
 *                       {@code -Dnero.decode} sets
 */
public record ExtractionOptions(int batchSize, int decodeThreads, boolean withFeatureMap, boolean withOdin,
        int inferenceWorkers, DecodeMode decode) {
    public static final double ODIN_TEMPERATURE = 100.0;
    public static final double ODIN_EPSILON = 0.0005;

    public ExtractionOptions {
        if (batchSize < 0 || decodeThreads < 0 || inferenceWorkers < 0) {
            throw new IllegalArgumentException("batch size, decode threads and inference workers must be ≥ 0"
                    + " (0 = automatic)");
        }
    }

    public ExtractionOptions(int batchSize, int decodeThreads, boolean withFeatureMap, boolean withOdin,
            int inferenceWorkers) {
        this(batchSize, decodeThreads, withFeatureMap, withOdin, inferenceWorkers, null);
    }

    public ExtractionOptions(int batchSize, int decodeThreads, boolean withFeatureMap, boolean withOdin) {
        this(batchSize, decodeThreads, withFeatureMap, withOdin, 0);
    }

    /** The same options, decoding files in {@code mode}. */
    public ExtractionOptions decoding(DecodeMode mode) {
        return new ExtractionOptions(batchSize, decodeThreads, withFeatureMap, withOdin, inferenceWorkers, mode);
    }

    /** The decode mode these options give: theirs, or the one {@code -Dnero.decode} sets. */
    public DecodeMode decodeMode() {
        return decode != null ? decode : DecodeMode.configured();
    }

    public static ExtractionOptions defaults() {
        return new ExtractionOptions(0, 0, false, false);
    }

    int resolvedBatchSize(Preprocessing p) {
        if (batchSize > 0) {
            return batchSize;
        }
        return (long) p.width() * p.height() <= 64 * 64 ? 32 : 8;
    }

    /** The decode thread count these options give on this machine. */
    public int decodeThreadsUsed() {
        return resolvedDecodeThreads();
    }

    int resolvedInferenceWorkers() {
        // Input gradients (ODIN) and a concurrent forward pass on the same module gave wrong gradients now and
        // then (FeatureExtractorTest.odinLogitsArePerturbedAgainstThePredictedClass, about one run in three):
        // with ODIN, one inference worker.
        if (withOdin) {
            return 1;
        }
        return inferenceWorkers > 0 ? inferenceWorkers : Engine.inferenceWorkers();
    }

    /** The most decode threads the automatic count grows to: the cores, at most 4. */
    int maxDecodeThreads() {
        return Math.max(resolvedDecodeThreads(), Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    int resolvedDecodeThreads() {
        if (decodeThreads > 0) {
            return decodeThreads;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(4, cores - Engine.inferenceThreads()));
    }
}
