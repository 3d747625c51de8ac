package nero.core.methods;

/** Architecture family, for the baselines whose reference settings depend on it. */
public enum ModelFamily {
    /** ReAct clip 0.9. */
    RESNET18,
    /** ReAct clip 0.99. */
    OTHER_CNN,
    /** ReAct clip 0.99; NECO's DeiT path (raw-feature-norm denominator × max logit). */
    VIT;

    public double reactClip() {
        return this == RESNET18 ? 0.9 : 0.99;
    }
}
