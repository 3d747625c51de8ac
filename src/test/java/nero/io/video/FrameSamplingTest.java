package nero.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Still selection is computed per frame in constant work, whatever the step: no step can make it loop for ever. */
class FrameSamplingTest {
    /** How many of {@code frames} frames at 25 fps, starting at {@code start} seconds, a step takes. */
    private static int taken(FrameSampling sampling, int frames, double start) {
        FrameSampling.Selector selector = sampling.selector();
        int n = 0;
        for (int i = 0; i < frames; i++) {
            if (selector.take(i, start + i / 25.0)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void ordinaryStepsTakeTheExpectedStills() {
        assertEquals(4, taken(FrameSampling.seconds(1), 100, 0));
        assertEquals(100, taken(FrameSampling.seconds(0.04), 100, 0));
        assertEquals(2, taken(FrameSampling.seconds(2.5), 100, 0));
        assertEquals(10, taken(FrameSampling.every(10), 100, 0));
    }

    @Test
    void tinyStepsTakeEveryFrameInsteadOfCountingUpForEver() {
        // each of these used to count up to the frame's time in steps of 1e-300 s (or never reach it at all)
        assertEquals(100, taken(FrameSampling.seconds(1e-300), 100, 0));
        assertEquals(100, taken(FrameSampling.seconds(Double.MIN_VALUE), 100, 0));
        assertEquals(100, taken(FrameSampling.seconds(1e-20), 100, 86_400.0 * 365)); // a year-long time stamp
    }

    @Test
    void hugeStepsTakeTheFirstStillOnly() {
        assertEquals(1, taken(FrameSampling.seconds(1e300), 100, 0));
        assertEquals(1, taken(FrameSampling.seconds(Double.MAX_VALUE), 100, 0));
        assertEquals(1, taken(FrameSampling.every(Integer.MAX_VALUE), 100, 0));
    }

    @Test
    void theNextBoundaryIsAlwaysAhead() {
        for (double step : new double[] {Double.MIN_VALUE, 1e-300, 1e-9, 0.04, 1, 1e300, Double.MAX_VALUE}) {
            for (double now : new double[] {0, 1e-6, 0.999999, 1, 3600.04, 1e15}) {
                double next = FrameSampling.nextBoundaryAfter(now, step);
                assertTrue(next > now && Double.isFinite(next) || step > 1e299, step + " after " + now + ": " + next);
            }
        }
    }
}
