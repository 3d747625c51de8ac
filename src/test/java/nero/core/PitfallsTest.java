package nero.core;

import static nero.core.TestVectors.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import nero.core.methods.ModelFamily;
import nero.core.methods.OodMethod;
import nero.core.methods.OodMethods;
import org.junit.jupiter.api.Test;

/** One test per pitfall P1–P10 of the reference (§6). */
class PitfallsTest {
    private static final NeroParameters TV2_P = new NeroParameters(2, -1, Distance.L1, RelevanceRule.authors());

    private static NeroDetector tv2() {
        return NeroDetector.fit(set(TV2_HEAD, TV2_TRAIN, TV2_LABELS), TV2_HEAD, TV2_P);
    }

    @Test
    void p1HigherMeansOodForNeroAndEveryBaseline() {
        HeadWeights head = SyntheticData.head(3, 16, 2);
        FeatureSet train = SyntheticData.features(head, 90, 1);
        FeatureSet id = SyntheticData.features(head, 30, 2);
        FeatureSet ood = SyntheticData.novel(head, 30, 3);
        for (String key : OodMethods.keys()) {
            if (key.equals("odin") || key.equals("nero")) {
                continue; // ODIN: TV4 in BaselineTestVectorsTest; NERO: TV2 below
            }
            OodMethod m = key.equals("neco") ? OodMethods.neco(ModelFamily.RESNET18, 4) // D = 16 < 100
                    : OodMethods.create(key, ModelFamily.RESNET18);
            m.fit(train, head);
            double auroc = OodMetrics.auroc(m.score(id), m.score(ood));
            assertTrue(auroc > 0.5, key + " must score the shifted set higher (AUROC " + auroc + ")");
        }
        NeroDetector nero = tv2();
        double[] neroIn = nero.scores(set(TV2_HEAD, TV2_VALID));
        double[] neroOod = nero.scores(set(TV2_HEAD, TV2_OOD));
        assertTrue(Math.min(neroOod[0], neroOod[1]) > Math.max(neroIn[0], neroIn[1]), "NERO: OOD higher (TV2)");
        // FPR uses S_ood <= thresh with thresh = sorted(S_in)[floor(0.95 N)]
        assertEquals(1.0, OodMetrics.fpr95(new double[] {1, 2}, new double[] {2}), 0);
    }

    @Test
    void p2BiasColumnIsExcludedFromSelectionAndPcaButUsedForScale() {
        NeroDetector det = tv2();
        assertEquals(6, det.state().pcaMean().length, "PCA on the first D columns");
        assertEquals(7, det.relevanceCentroids()[0].length, "ν in D+1");
        float[] h = {0.6f, 0.6f, 0.9f, 0.5f, 0.4f, 0.5f};
        NeroScore s = det.score(h, logits(TV2_HEAD, new float[][] {h})[0]);
        for (int j : s.lowestRelevanceNeurons()) {
            assertTrue(j < 6, "the bias neuron is never among the k lowest");
        }
        // s uses all D+1 columns: recompute by hand
        FeatureSet train = set(TV2_HEAD, TV2_TRAIN, TV2_LABELS);
        float[][] r = Relevance.compute(train, TV2_HEAD);
        double dist = 0;
        double bias = 0;
        for (float[] row : r) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] nu : det.relevanceCentroids()) {
                double d = 0;
                for (int j = 0; j < 7; j++) {
                    d += Math.abs(row[j] - nu[j]);
                }
                best = Math.min(best, d);
            }
            dist += best;
            bias += Math.abs(row[6]);
        }
        assertRelative(dist / bias, det.biasScale(), 1e-6, "s over D+1 columns");
    }

    @Test
    void p3PcaIsFittedOnTrainingOnlyWithFloorTwoThirdsComponents() {
        NeroDetector det = tv2();
        assertEquals(4, det.components());
        double[] before = det.scores(set(TV2_HEAD, TV2_OOD));
        det.scores(set(TV2_HEAD, TV2_VALID));
        assertArrayEquals(before, det.scores(set(TV2_HEAD, TV2_OOD)), "scoring does not refit");
        // centroids = class means of projected training relevance
        float[][] r = Relevance.compute(set(TV2_HEAD, TV2_TRAIN, TV2_LABELS), TV2_HEAD);
        double[] mean0 = new double[4];
        for (int i = 0; i < 3; i++) {
            double[] row = new double[7];
            for (int j = 0; j < 7; j++) {
                row[j] = r[i][j];
            }
            double[] y = det.project(row);
            for (int c = 0; c < 4; c++) {
                mean0[c] += y[c] / 3;
            }
        }
        assertRelative(mean0, det.projectedCentroids()[0], 1e-5, "μ_0");
    }

    @Test
    void p4CentroidsUseGroundTruthLabelsOnePerPresentClass() {
        HeadWeights head3 = new HeadWeights(new float[][] {TV2_HEAD.weight()[0], TV2_HEAD.weight()[1],
                {0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f}}, new float[] {0.2f, -0.1f, 0.05f});
        NeroDetector det = NeroDetector.fit(set(head3, TV2_TRAIN, TV2_LABELS), head3, TV2_P);
        assertArrayEquals(new int[] {0, 1}, det.centroidClasses(), "class 2 has no training sample");
        int[] swapped = {1, 0, 0, 1, 1, 1};
        NeroDetector other = NeroDetector.fit(set(TV2_HEAD, TV2_TRAIN, swapped), TV2_HEAD, TV2_P);
        assertFalse(Arrays.equals(tv2().scores(set(TV2_HEAD, TV2_VALID)), other.scores(set(TV2_HEAD, TV2_VALID))),
                "labels, not predictions, place the centroids");
    }

    @Test
    void p5ZeroRatioGivesZeroScoreAndAllZeroFeaturesAreRefused() {
        // positive head → positive logits → relevance > 0 wherever h > 0, so the k lowest are the zero activations
        HeadWeights positive = new HeadWeights(new float[][] {{0.5f, 0.2f, 0.3f, 0.4f}, {0.1f, 0.6f, 0.2f, 0.3f}},
                new float[] {0.1f, 0.2f});
        float[][] train = {{1, 0.2f, 0.1f, 0.3f}, {0.9f, 0.1f, 0.2f, 0.4f}, {0.1f, 1.0f, 0.3f, 0.2f},
                {0.2f, 0.9f, 0.1f, 0.1f}};
        NeroDetector positiveDetector = NeroDetector.fit(set(positive, train, new int[] {0, 0, 1, 1}), positive,
                new NeroParameters(2, 2, Distance.L1, RelevanceRule.authors()));
        float[] h = {1.0f, 0f, 0f, 2.0f};
        NeroScore s = positiveDetector.score(h, logits(positive, new float[][] {h})[0]);
        assertEquals(0.0, s.normRatio(), 0);
        assertEquals(0.0, s.score(), 0, "ρ = 0 makes the sample maximally ID");
        assertTrue(s.distance() > 0);
        NeroDetector det = tv2();
        float[] zero = new float[6];
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> det.score(new FeatureSet(new String[] {"blank.png"}, new float[][] {zero},
                        new float[][] {{0.2f, -0.1f}}, new int[] {-1})));
        assertTrue(e.getMessage().contains("blank.png") && e.getMessage().contains("all zeros"), e.getMessage());
    }

    @Test
    void p6ZeroLogitIsRefusedAndNearZeroIsFragile() {
        // h chosen so that class 1's logit is exactly 0: -0.1 + 0.5·0.2 = 0
        float[] h = {0, 0, 0, 0.2f, 0, 0};
        HeadWeights head = new HeadWeights(new float[][] {TV2_HEAD.weight()[0], {0, 0, 0, 0.5f, 0, 0}},
                new float[] {0.2f, -0.1f});
        FeatureSet s = new FeatureSet(new String[] {"img_042.png"}, new float[][] {h}, new float[][] {{0.2f, 0f}},
                new int[] {-1});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Relevance.compute(s, head));
        assertTrue(e.getMessage().contains("img_042.png") && e.getMessage().contains("zero"), e.getMessage());
        // the user of the command line or Fiji has no relevance-rule setting to reach for
        assertFalse(e.getMessage().contains("epsilon"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> NeroDetector.fit(new FeatureSet(new String[] {"a", "b"},
                new float[][] {h, h}, new float[][] {{0.2f, 0f}, {0.2f, 0f}}, new int[] {0, 1}), head,
                new NeroParameters(1, 1, Distance.L1, RelevanceRule.authors())));
        // sign-aware ε makes it finite
        double[] r = Relevance.computeOne(h, new float[] {0.2f, 0f}, head, new RelevanceRule(1e-3, true));
        for (double v : r) {
            assertTrue(Double.isFinite(v));
        }
        // NaN / Inf refused by name
        float[] bad = {1, Float.NaN, 0, 0, 0, 0};
        InvalidInputException nan = assertThrows(InvalidInputException.class, () -> tv2().score(new FeatureSet(
                new String[] {"frame 7"}, new float[][] {bad}, new float[][] {{0.2f, 0.1f}}, new int[] {-1})));
        assertTrue(nan.getMessage().contains("frame 7"));
        // TV2-fragile: a near-zero training logit moves s from 2.53 to 5.50
        float[][] fragile = TV2_TRAIN.clone();
        fragile[4] = TV2_FRAGILE_ROW4;
        double sFragile = NeroDetector.fit(set(TV2_HEAD, fragile, TV2_LABELS), TV2_HEAD, TV2_P).biasScale();
        assertTrue(sFragile > 2 * tv2().biasScale());
    }

    @Test
    void p7TiesAmongZeroActivationNeuronsDoNotChangeTheRatio() {
        NeroDetector det = tv2();
        float[] h = {0f, 0f, 0.6f, 0f, 1.0f, 0.3f};
        NeroScore s = det.score(h, logits(TV2_HEAD, new float[][] {h})[0]);
        // relevance 0 for neurons 0, 1, 3 (h = 0); whichever two are chosen among tied zeros, ρ is the same
        double expected = 0;
        int[] lowest = s.lowestRelevanceNeurons();
        for (int j : lowest) {
            expected += Math.abs(h[j]);
        }
        assertEquals(expected / (0.6 + 1.0 + 0.3), s.normRatio(), 1e-7);
        int[] again = LowestRelevance.indices(s.relevance(), 6, 2);
        double ratioAgain = (Math.abs(h[again[0]]) + Math.abs(h[again[1]])) / 1.9;
        assertEquals(s.normRatio(), ratioAgain, 1e-7);
    }

    @Test
    void p8AurocTiesCountHalf() {
        assertEquals(0.5, OodMetrics.auroc(new double[] {1, 1}, new double[] {1, 1}), 0);
        assertEquals(7 / 12.0, OodMetrics.auroc(new double[] {0.2, 0.4, 0.4, 0.9}, new double[] {0.4, 0.3, 1.0}),
                1e-12);
    }

    @Test
    void p9SoftmaxIsStableForLargeLogits() {
        double[] p = Softmax.of(new float[] {1000f, 0f, -1000f});
        assertEquals(1.0, p[0], 1e-12);
        assertTrue(Double.isFinite(Softmax.logSumExp(new float[] {1000f, 999f})));
        assertEquals(1000 + Math.log(1 + Math.exp(-1)), Softmax.logSumExp(new float[] {1000f, 999f}), 1e-9);
        // energy equals the naive value where the naive one does not overflow
        float[] l = {0.85f, 0.55f, 0.60f};
        double naive = Math.log(Math.exp(l[0]) + Math.exp(l[1]) + Math.exp(l[2]));
        assertEquals(naive, Softmax.logSumExp(l), 1e-12);
        double[] r = Relevance.computeOne(new float[] {1, 1}, new float[] {90f, -80f},
                new HeadWeights(new float[][] {{50, 40}, {-40, -40}}, new float[] {0, 0}), RelevanceRule.authors());
        for (double v : r) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void p10PreprocessingParityValuesSurviveTheDetectorFile() throws Exception {
        Preprocessing imagenet = Preprocessing.imagenet(224);
        assertArrayEquals(new float[] {0.485f, 0.456f, 0.406f}, imagenet.mean());
        assertArrayEquals(new float[] {0.229f, 0.224f, 0.225f}, imagenet.std());
        assertEquals(224, imagenet.width());
        assertEquals(224, imagenet.height());
        Path dir = Files.createTempDirectory("nero-p10");
        Path f = dir.resolve("d.nero.json");
        DetectorState s = DetectorFileTest.state(tv2(), new Preprocessing(256, 192, new float[] {0.5f, 0.4f, 0.3f},
                new float[] {0.2f, 0.25f, 0.3f}));
        DetectorFile.save(f, s);
        Preprocessing back = DetectorFile.load(f).preprocessing();
        assertEquals(256, back.width());
        assertEquals(192, back.height());
        assertArrayEquals(new float[] {0.5f, 0.4f, 0.3f}, back.mean());
        assertArrayEquals(new float[] {0.2f, 0.25f, 0.3f}, back.std());
    }
}
