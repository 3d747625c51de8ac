package nero.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The automatic decode thread count grows while decoding is the stage that holds the pipeline up in CPU per image
 * (on 2 cores: while decoding an image costs more CPU than inferring it), one thread at a time, never before it has
 * seen enough images, never beyond its maximum; a fixed count never grows. No timing: CPU times are given.
 */
class DecodeThreadsTest {
    private static final long MS = 1_000_000;

    /** {@code images} decoded at {@code decodeMs} and inferred in batches of 8 at {@code inferenceMs} per image. */
    private static void feed(FeatureExtractor.DecodeThreads d, int images, double decodeMs, double inferenceMs) {
        for (int i = 0; i < images; i++) {
            d.decodedOne((long) (decodeMs * MS));
        }
        for (int i = 0; i < images; i += 8) {
            d.inferredBatch((long) (8 * inferenceMs * MS), 8);
        }
    }

    @Test
    void aLightNetworkGetsASecondDecoderOnTwoCores() {
        FeatureExtractor.DecodeThreads d = new FeatureExtractor.DecodeThreads(1, 2, 2);
        try {
            feed(d, 8, 11, 5); // MobileNetV2 int8: 5 ms inference, 11 ms decode + resize
            d.maybeGrow();
            assertEquals(1, d.threads(), "not before " + FeatureExtractor.DecodeThreads.MIN_IMAGES + " images");
            feed(d, 8, 11, 5);
            d.maybeGrow();
            assertEquals(2, d.threads());
            feed(d, 64, 11, 1);
            d.maybeGrow();
            assertEquals(2, d.threads(), "never beyond the maximum");
        } finally {
            d.pool.shutdownNow();
        }
    }

    @Test
    void aHeavyNetworkKeepsOneDecoderAndAFixedCountNeverGrows() {
        FeatureExtractor.DecodeThreads heavy = new FeatureExtractor.DecodeThreads(1, 2, 2);
        FeatureExtractor.DecodeThreads fixed = new FeatureExtractor.DecodeThreads(1, 1, 2);
        try {
            feed(heavy, 64, 11, 41); // ResNet-18 float32: inference 41 ms per image
            heavy.maybeGrow();
            assertEquals(1, heavy.threads());
            feed(heavy, 64, 11, 11.5); // about even: a second decoder would not pay for itself
            heavy.maybeGrow();
            assertEquals(1, heavy.threads());
            feed(fixed, 64, 11, 1);
            fixed.maybeGrow();
            assertEquals(1, fixed.threads());
        } finally {
            heavy.pool.shutdownNow();
            fixed.pool.shutdownNow();
        }
    }
}
