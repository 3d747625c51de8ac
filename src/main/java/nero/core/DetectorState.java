package nero.core;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nero.core.probe.LinearProbe;

/**
 * Everything needed to score with a fitted detector, as stored in a detector file ({@link DetectorFile}).
 *
 * @param nero                     the fitted NERO state
 * @param baselines                fitted states of other methods by registry key (e.g. mahalanobis, vim, neco,
 *                                 knn), each as its {@code OodMethod.state()}; may be empty
 * @param classNames               ID class names, index = class
 * @param modelSha256              SHA-256 (lower-case hex) of the model file the features came from
 * @param threshold                NERO score threshold; verdict OOD iff {@code score > threshold}
 * @param tpr                      the ID TPR the threshold was calibrated for
 * @param sortedIdValidationScores NERO scores of the ID validation set, ascending (for percentiles, recalibration)
 * @param scatter                  ≤ 2000 training points in the first two PCs, with labels
 * @param probe                    the linear probe that replaces the model's head for the logits, the relevance,
 *                                 the logit-based methods and the explanations; null = the model's own head
 * @param precision                the number format the model ran in when the features were extracted, which
 *                                 every job scoring with this detector uses again; null in files written before
 *                                 the choice existed (the model's own: fp32, or int8 for an int8 model)
 * @param decode                   how image files were decoded for the model at fit ("reduced" or "exact", see
 *                                 {@code nero.io.DecodeMode}), and so how every path decodes them to score; null for
 *                                 a detector from before it was recorded
 */
public record DetectorState(NeroState nero, Map<String, JsonObject> baselines, List<String> classNames,
        Preprocessing preprocessing, String modelSha256, String modelFileName, double threshold, double tpr,
        double[] sortedIdValidationScores, TrainingScatter scatter, Instant createdAt, LinearProbe probe,
        Precision precision, String decode) {
    public static final String FORMAT = "nero-ood-detector";
    /**
     * 2 added the optional linear probe, 3 the bf16 precision (an older plugin would score such a detector in
     * float32 without a word); files without either are still written as version 1, and all are read.
     */
    public static final int VERSION = 3;

    public DetectorState {
        Objects.requireNonNull(nero, "nero");
        baselines = Map.copyOf(baselines);
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(modelSha256, "modelSha256");
        Objects.requireNonNull(modelFileName, "modelFileName");
        Objects.requireNonNull(sortedIdValidationScores, "sortedIdValidationScores");
        Objects.requireNonNull(scatter, "scatter");
        Objects.requireNonNull(createdAt, "createdAt");
        if (Double.isNaN(threshold)) {
            throw new InvalidInputException("the detector threshold is NaN");
        }
        if (!(tpr > 0 && tpr <= 1)) {
            throw new InvalidInputException("the detector TPR must be in (0, 1], got " + tpr);
        }
        if (classNames.size() != nero.classes()) {
            throw new InvalidInputException(classNames.size() + " class names for a head with " + nero.classes()
                    + " classes");
        }
        if (probe != null && (probe.head().classes() != nero.classes()
                || probe.head().dimension() != nero.dimension())) {
            throw new InvalidInputException("the linear probe has " + probe.head().classes() + " classes and "
                    + probe.head().dimension() + " features, NERO's state " + nero.classes() + " and "
                    + nero.dimension());
        }
        for (int i = 1; i < sortedIdValidationScores.length; i++) {
            if (sortedIdValidationScores[i] < sortedIdValidationScores[i - 1]) {
                throw new InvalidInputException("sortedIdValidationScores are not in ascending order");
            }
        }
    }

    /** A detector whose decode mode is not recorded. */
    public DetectorState(NeroState nero, Map<String, JsonObject> baselines, List<String> classNames,
            Preprocessing preprocessing, String modelSha256, String modelFileName, double threshold, double tpr,
            double[] sortedIdValidationScores, TrainingScatter scatter, Instant createdAt, LinearProbe probe,
            Precision precision) {
        this(nero, baselines, classNames, preprocessing, modelSha256, modelFileName, threshold, tpr,
                sortedIdValidationScores, scatter, createdAt, probe, precision, null);
    }

    /** A detector that uses the model's own head, its precision not recorded (the model's own). */
    public DetectorState(NeroState nero, Map<String, JsonObject> baselines, List<String> classNames,
            Preprocessing preprocessing, String modelSha256, String modelFileName, double threshold, double tpr,
            double[] sortedIdValidationScores, TrainingScatter scatter, Instant createdAt) {
        this(nero, baselines, classNames, preprocessing, modelSha256, modelFileName, threshold, tpr,
                sortedIdValidationScores, scatter, createdAt, null, null);
    }

    /**
     * A state with the threshold calibrated on the given ID validation scores (any order) at {@code tpr}.
     */
    public static DetectorState calibrated(NeroState nero, Map<String, JsonObject> baselines, List<String> classNames,
            Preprocessing preprocessing, String modelSha256, String modelFileName, double[] idValidationScores,
            double tpr, TrainingScatter scatter) {
        double[] sorted = idValidationScores.clone();
        Arrays.sort(sorted);
        double threshold = ThresholdCalibrator.thresholdForTpr(sorted, tpr);
        return new DetectorState(nero, baselines, classNames, preprocessing, modelSha256, modelFileName, threshold,
                tpr, sorted, scatter, Instant.now());
    }

    /** The same detector re-calibrated to another TPR on the stored ID validation scores. */
    public DetectorState withTpr(double newTpr) {
        return new DetectorState(nero, baselines, classNames, preprocessing, modelSha256, modelFileName,
                ThresholdCalibrator.thresholdForTpr(sortedIdValidationScores, newTpr), newTpr,
                sortedIdValidationScores, scatter, createdAt, probe, precision, decode);
    }

    /** The same detector with an explicit threshold (tpr becomes the share of ID validation scores ≤ it). */
    public DetectorState withThreshold(double newThreshold) {
        return new DetectorState(nero, baselines, classNames, preprocessing, modelSha256, modelFileName,
                newThreshold, idPercentile(newThreshold), sortedIdValidationScores, scatter, createdAt, probe, precision, decode);
    }

    /** The same detector, its logits coming from {@code linearProbe} (null: from the model's own head). */
    public DetectorState withProbe(LinearProbe linearProbe) {
        return new DetectorState(nero, baselines, classNames, preprocessing, modelSha256, modelFileName, threshold,
                tpr, sortedIdValidationScores, scatter, createdAt, linearProbe, precision, decode);
    }

    /** The same detector, its features extracted with the model in {@code format} (null: not recorded). */
    public DetectorState withPrecision(Precision format) {
        return new DetectorState(nero, baselines, classNames, preprocessing, modelSha256, modelFileName, threshold,
                tpr, sortedIdValidationScores, scatter, createdAt, probe, format, decode);
    }

    /** The same detector, recording how its training images were decoded ("reduced" or "exact"). */
    public DetectorState withDecode(String decodeMode) {
        return new DetectorState(nero, baselines, classNames, preprocessing, modelSha256, modelFileName, threshold,
                tpr, sortedIdValidationScores, scatter, createdAt, probe, precision, decodeMode);
    }

    /** The head the logits come from: the probe's, or {@code modelHead} when the detector has no probe. */
    public HeadWeights head(HeadWeights modelHead) {
        return probe != null ? probe.head() : modelHead;
    }

    public boolean isOod(double score) {
        return ThresholdCalibrator.isOod(score, threshold);
    }

    /** Share of ID validation scores ≤ {@code score}, in [0, 1]; NaN when none are stored. */
    public double idPercentile(double score) {
        if (sortedIdValidationScores.length == 0) {
            return Double.NaN;
        }
        int lo = 0;
        int hi = sortedIdValidationScores.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedIdValidationScores[mid] <= score) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo / (double) sortedIdValidationScores.length;
    }

    /**
     * The statistics kept for a trained method other than NERO (by registry key), as its {@code OodMethod.restore}
     * reads them, named as in the detector file ({@code payload.baselines.<key>}); null when the file holds none.
     */
    public StoredFields baseline(String key) {
        JsonObject state = baselines.get(key);
        return state == null ? null : StoredFields.of(state, DetectorFile.baselinePath(key));
    }

    public NeroDetector detector(HeadWeights head) {
        return NeroDetector.fromState(nero, head);
    }
}
