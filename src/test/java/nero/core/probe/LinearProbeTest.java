package nero.core.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import nero.core.HeadWeights;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import org.junit.jupiter.api.Test;

class LinearProbeTest {
    private static final ProbeFixtures.Labelled DATA = ProbeFixtures.synthetic(240, 40, 3, 2.5, 5);

    @Test
    void refusesASingleClassTrainingSet() {
        float[][] x = Arrays.copyOf(DATA.features(), 30);
        int[] oneClass = new int[30];
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LinearProbe.fit(x, oneClass, 1, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("at least two classes") && e.getMessage().contains("all 30 training"
                + " images are of class 0"), e.getMessage());
        // the same when the other classes exist by name but have no images
        InvalidInputException e3 = assertThrows(InvalidInputException.class,
                () -> SoftmaxRegression.fit(x, oneClass, 3, 1.0));
        assertTrue(e3.getMessage().contains("at least two classes"), e3.getMessage());
    }

    @Test
    void refusesTrainingImagesThatAllHaveTheSameFeatures() {
        float[][] same = new float[12][];
        int[] labels = new int[12];
        for (int i = 0; i < same.length; i++) {
            same[i] = DATA.features()[0].clone();
            labels[i] = i % 2;
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LinearProbe.fit(same, labels, 2, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("all 12 training images have the same features"), e.getMessage());
    }

    @Test
    void refusesClassesWhoseFeaturesDoNotDiffer() {
        float[][] rows = Arrays.copyOf(DATA.features(), 20);
        float[][] twins = new float[40][];
        int[] labels = new int[40];
        for (int i = 0; i < 20; i++) {
            twins[2 * i] = rows[i];
            twins[2 * i + 1] = rows[i];
            labels[2 * i + 1] = 1;
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LinearProbe.fit(twins, labels, 2, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("cannot tell the classes apart"), e.getMessage());
    }

    @Test
    void refusesAClassWithoutImagesOrWithOneImage() {
        int[] labels = DATA.labels().clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labels[i] == 2 ? 0 : labels[i];
        }
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> LinearProbe.fit(DATA.features(), labels, 3, ProgressListener.NONE));
        assertTrue(none.getMessage().contains("class 2 has none"), none.getMessage());
        labels[2] = 2;
        InvalidInputException one = assertThrows(InvalidInputException.class,
                () -> LinearProbe.fit(DATA.features(), labels, 3, ProgressListener.NONE));
        assertTrue(one.getMessage().contains("class 2 has 1 training image"), one.getMessage());
    }

    @Test
    void refusesNonFiniteFeaturesAndLabelsOutOfRange() {
        float[][] x = Arrays.stream(DATA.features()).map(float[]::clone).toArray(float[][]::new);
        x[7][3] = Float.NaN;
        InvalidInputException nan = assertThrows(InvalidInputException.class,
                () -> LinearProbe.fit(x, DATA.labels(), 3, ProgressListener.NONE));
        assertTrue(nan.getMessage().contains("training sample 7: feature 3 is NaN"), nan.getMessage());
        int[] labels = DATA.labels().clone();
        labels[4] = 3;
        InvalidInputException range = assertThrows(InvalidInputException.class,
                () -> LinearProbe.fit(DATA.features(), labels, 3, ProgressListener.NONE));
        assertTrue(range.getMessage().contains("training sample 4 has class 3"), range.getMessage());
        assertThrows(InvalidInputException.class, () -> SoftmaxRegression.fit(DATA.features(), DATA.labels(), 3, 0));
    }

    @Test
    void isBitStableAcrossRunsAndThreadCounts() throws Exception {
        LinearProbe first = LinearProbe.fit(DATA.features(), DATA.labels(), 3, ProgressListener.NONE);
        LinearProbe second = LinearProbe.fit(DATA.features(), DATA.labels(), 3, ProgressListener.NONE);
        LinearProbe oneThread;
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            oneThread = pool.submit(() -> LinearProbe.fit(DATA.features(), DATA.labels(), 3, ProgressListener.NONE))
                    .get();
        } finally {
            pool.shutdown();
        }
        for (LinearProbe other : new LinearProbe[] {second, oneThread}) {
            assertEquals(first.c(), other.c());
            assertEquals(first.candidates(), other.candidates());
            assertArrayEquals(first.head().bias(), other.head().bias());
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(first.head().weight()[k], other.head().weight()[k]);
            }
        }
    }

    @Test
    void choosesTheCWithTheLowestHeldOutCrossEntropyAndReportsAccuracies() {
        LinearProbe probe = LinearProbe.fit(DATA.features(), DATA.labels(), 3, ProgressListener.NONE);
        assertEquals(LinearProbe.C_GRID.length, probe.candidates().size());
        LinearProbe.Candidate best = probe.candidates().stream()
                .min((a, b) -> Double.compare(a.heldOutCrossEntropy(), b.heldOutCrossEntropy())).orElseThrow();
        assertEquals(best.c(), probe.c());
        assertEquals(best.heldOutAccuracy(), probe.heldOutAccuracy());
        assertEquals(48, probe.heldOutCount(), "20 % of each class of 80");
        assertTrue(probe.converged());
        assertTrue(probe.trainingAccuracy() >= probe.heldOutAccuracy() - 0.05, probe.toString());
        assertTrue(probe.heldOutAccuracy() > 0.8, "classes are separated: " + probe);
        // the head gives the training accuracy on the raw features
        HeadWeights head = probe.head();
        int correct = 0;
        for (int i = 0; i < DATA.labels().length; i++) {
            correct += SklearnReferenceTest.argmax(SklearnReferenceTest.logits(head, DATA.features()[i]))
                    == DATA.labels()[i] ? 1 : 0;
        }
        assertEquals(probe.trainingAccuracy(), correct / (double) DATA.labels().length, 1e-12);
    }

    @Test
    void headOnRawFeaturesGivesTheStandardisedLogits() {
        SoftmaxRegression.Fit fit = SoftmaxRegression.fit(DATA.features(), DATA.labels(), 3, 0.1);
        HeadWeights head = fit.head();
        double[] p = fit.probabilities(DATA.features()[11]);
        double[] z = SklearnReferenceTest.logits(head, DATA.features()[11]);
        double max = Arrays.stream(z).max().orElseThrow();
        double sum = Arrays.stream(z).map(v -> Math.exp(v - max)).sum();
        for (int k = 0; k < 3; k++) {
            assertEquals(p[k], Math.exp(z[k] - max) / sum, 1e-5);
        }
        assertEquals(0, Arrays.stream(fit.intercepts()).sum(), 1e-12, "intercepts are centred");
    }

    @Test
    void heldOutSplitIsStratifiedDeterministicAndDisjoint() {
        HeldOutSplit a = HeldOutSplit.stratified(DATA.labels(), 3, 0.2, LinearProbe.SPLIT_SEED);
        HeldOutSplit b = HeldOutSplit.stratified(DATA.labels(), 3, 0.2, LinearProbe.SPLIT_SEED);
        assertArrayEquals(a.heldOutRows(), b.heldOutRows());
        assertEquals(DATA.labels().length, a.fitRows().length + a.heldOutRows().length);
        Set<Integer> seen = new HashSet<>();
        for (int i : a.fitRows()) {
            seen.add(i);
        }
        int[] perClass = new int[3];
        for (int i : a.heldOutRows()) {
            assertTrue(seen.add(i), "row " + i + " is in both parts");
            perClass[DATA.labels()[i]]++;
        }
        assertArrayEquals(new int[] {16, 16, 16}, perClass);
        int[] small = {0, 1, 0, 1};
        HeldOutSplit tiny = HeldOutSplit.stratified(small, 2, 0.2, 1);
        assertEquals(2, tiny.heldOutRows().length, "at least one per class");
    }

    @Test
    void jsonRoundTripKeepsEverythingAndRefusesMalformedEntries() {
        LinearProbe probe = LinearProbe.fit(DATA.features(), DATA.labels(), 3, ProgressListener.NONE);
        JsonObject json = LinearProbeJson.toJson(probe);
        LinearProbe back = LinearProbeJson.fromJson(json);
        assertEquals(probe.c(), back.c());
        assertEquals(probe.candidates(), back.candidates());
        assertEquals(probe.trainingAccuracy(), back.trainingAccuracy());
        assertEquals(probe.heldOutAccuracy(), back.heldOutAccuracy());
        assertEquals(probe.heldOutCount(), back.heldOutCount());
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(probe.head().weight()[k], back.head().weight()[k]);
        }
        assertArrayEquals(probe.head().bias(), back.head().bias());
        json.remove("c");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LinearProbeJson.fromJson(json));
        assertEquals("field probe.c is missing", e.getMessage());
    }

    @Test
    void cancelStopsTheFit() {
        ProgressListener cancelled = new ProgressListener() {
            @Override
            public void progress(String stage, long done, long total) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(ProgressListener.CancelledException.class,
                () -> LinearProbe.fit(DATA.features(), DATA.labels(), 3, cancelled));
    }
}
