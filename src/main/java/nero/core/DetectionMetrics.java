package nero.core;

/** OOD detection quality; ID is the negative class, scores higher = more OOD. */
public record DetectionMetrics(double auroc, double fpr95, double auprIn, double auprOut) {
}
