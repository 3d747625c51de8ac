package nero.model;

import nero.core.HeadWeights;

/**
 * What every engine's classifier holds alike: the checked model's {@link ModelInfo} and the head its logits go
 * through, and the head swap ({@link #withHead}) that checks a replacement against the model's features before
 * the engine builds the same network with it.
 */
abstract class HeadedClassifier implements Classifier {
    final ModelInfo info;
    final HeadWeights head;

    HeadedClassifier(ModelInfo info, HeadWeights head) {
        this.info = info;
        this.head = head;
    }

    @Override
    public final ModelInfo info() {
        return info;
    }

    @Override
    public final HeadWeights head() {
        return head;
    }

    @Override
    public final Classifier withHead(HeadWeights replacement) {
        info.requireFeatures(replacement);
        return sameModelWith(replacement);
    }

    /** This engine's classifier on the same model with {@code replacement} as its head (already checked). */
    abstract Classifier sameModelWith(HeadWeights replacement);
}
