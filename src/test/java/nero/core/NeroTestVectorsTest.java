package nero.core;

import static nero.core.TestVectors.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** TV1 and TV2 (incl. TV2-fragile) of the reference, to 1e-6 relative. */
class NeroTestVectorsTest {
    private static final double TOL = 1e-6;

    private static NeroParameters tv2Parameters() {
        return new NeroParameters(2, -1, Distance.L1, RelevanceRule.authors());
    }

    @Test
    void tv1RelevanceAndRatio() {
        float[] logits = logits(TV1_HEAD, new float[][] {TV1_H})[0];
        double[] r = Relevance.computeOne(TV1_H, logits, TV1_HEAD, RelevanceRule.authors());
        assertRelative(new double[] {1.2204475991, -1.2204475991, 0.0, -0.1068013122, 1.1068013122}, r, TOL, "R");
        double sum = 0;
        for (double v : r) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-9, "relevance is conserved");
        int[] lowest = LowestRelevance.indices(r, 4, 2);
        assertArrayEquals(new int[] {1, 3}, lowest);
    }

    @Test
    void tv1RatioThroughDetector() {
        // fit on four samples so that scoring TV1's h exposes ρ
        float[][] train = {{1, 0.2f, 0.1f, 0.3f}, {0.9f, 0.1f, 0.2f, 0.4f}, {0.1f, 0.3f, 1.0f, 0.2f},
                {0.2f, 0.2f, 0.9f, 0.1f}};
        NeroDetector det = NeroDetector.fit(set(TV1_HEAD, train, new int[] {0, 0, 1, 1}), TV1_HEAD,
                new NeroParameters(2, 2, Distance.L1, RelevanceRule.authors()));
        NeroScore s = det.score(TV1_H, logits(TV1_HEAD, new float[][] {TV1_H})[0]);
        assertRelative(0.7142857143, s.normRatio(), TOL, "rho");
    }

    @Test
    void tv2FullPipeline() {
        NeroDetector det = NeroDetector.fit(set(TV2_HEAD, TV2_TRAIN, TV2_LABELS), TV2_HEAD, tv2Parameters());
        assertEquals(4, det.components());
        assertRelative(2.53330326093493, det.biasScale(), TOL, "s");
        NeroScore[] valid = det.score(set(TV2_HEAD, TV2_VALID));
        NeroScore[] ood = det.score(set(TV2_HEAD, TV2_OOD));
        assertRelative(new double[] {0.523341048192, -0.071994247053, 0.102872474786, -0.013915192661,
                0.356823441949, -0.01606867253, 0.118941147316}, valid[0].relevance(), TOL, "R_valid[0]");
        assertRelative(new double[] {0.08544187181, 0.271118785664, 0.10214771215, 0.300481440319, 0.042720935905,
                0.162488474231, 0.035600779921}, ood[0].relevance(), TOL, "R_ood[0]");
        assertRelative(new double[] {0.09375, 0.088235294118},
                new double[] {valid[0].normRatio(), valid[1].normRatio()}, TOL, "rho valid");
        assertRelative(new double[] {0.285714285714, 0.256410256410},
                new double[] {ood[0].normRatio(), ood[1].normRatio()}, TOL, "rho ood");
        assertRelative(new double[] {0.040356429771, 0.14492756953},
                new double[] {valid[0].distance(), valid[1].distance()}, TOL, "d valid");
        assertRelative(new double[] {0.884943039766, 0.739423868963},
                new double[] {ood[0].distance(), ood[1].distance()}, TOL, "d ood");
        double[] sIn = det.scores(set(TV2_HEAD, TV2_VALID));
        double[] sOod = det.scores(set(TV2_HEAD, TV2_OOD));
        assertRelative(new double[] {0.032031602449, 0.053979647995}, sIn, TOL, "S_in");
        assertRelative(new double[] {0.27860874618, 0.214347978257}, sOod, TOL, "S_ood");
        assertEquals(1.0, OodMetrics.auroc(sIn, sOod), 0);
        assertEquals(0.0, OodMetrics.fpr95(sIn, sOod), 0);
        assertRelative(new double[] {0.484, 6.65e-3, 1.44e-3, 8.03e-5}, det.state().eigenvalues(), 5e-3,
                "PCA eigenvalues");
    }

    @Test
    void tv2Fragile() {
        float[][] train = TV2_TRAIN.clone();
        train[4] = TV2_FRAGILE_ROW4;
        FeatureSet trainSet = set(TV2_HEAD, train, TV2_LABELS);
        double[] r4 = Relevance.computeOne(train[4], trainSet.logits()[4], TV2_HEAD, RelevanceRule.authors());
        assertRelative(new double[] {-1.8155, 4.0640, -0.2238, 0.3756, -0.9078, 1.0204, -1.5129}, r4, 1e-4,
                "fragile R (given to 4 decimals)");
        NeroDetector det = NeroDetector.fit(trainSet, TV2_HEAD, tv2Parameters());
        assertRelative(5.500560267038, det.biasScale(), TOL, "s");
        double[] sIn = det.scores(set(TV2_HEAD, TV2_VALID));
        double[] sOod = det.scores(set(TV2_HEAD, TV2_OOD));
        assertRelative(new double[] {0.0650552028, 0.201601299}, sIn, TOL, "S_in");
        assertRelative(new double[] {0.3587848464, 0.3076210343}, sOod, TOL, "S_ood");
        assertEquals(1.0, OodMetrics.auroc(sIn, sOod), 0);
    }

    @Test
    void fitOnRelevanceMatchesFit() {
        FeatureSet train = set(TV2_HEAD, TV2_TRAIN, TV2_LABELS);
        NeroDetector a = NeroDetector.fit(train, TV2_HEAD, tv2Parameters());
        NeroDetector b = NeroDetector.fitOnRelevance(Relevance.compute(train, TV2_HEAD), TV2_LABELS, TV2_HEAD,
                tv2Parameters());
        assertRelative(a.scores(set(TV2_HEAD, TV2_OOD)), b.scores(set(TV2_HEAD, TV2_OOD)), 1e-5, "scores");
    }
}
