package nero.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A NERO state that could score NaN or read past its arrays is refused, naming the field as stored. */
class NeroStateTest {
    private static final NeroState FITTED = DetectorFileTest.tv2().state();

    private static String refusal(UnaryOperator<NeroState> edit) {
        return assertThrows(InvalidInputException.class, () -> edit.apply(FITTED)).getMessage();
    }

    private static NeroState copy(NeroState s, NeroParameters p, double bias, double[] mean, double[][] basis,
            double[] eig, double[][] centroids, int[] classes) {
        return new NeroState(p, s.dimension(), s.classes(), bias, mean, basis, eig, centroids, classes);
    }

    @Test
    void theFittedStateIsAccepted() {
        NeroState s = FITTED;
        assertEquals(s, copy(s, s.parameters(), s.biasScale(), s.pcaMean(), s.pcaBasis(), s.eigenvalues(),
                s.relevanceCentroids(), s.centroidClasses()));
    }

    @Test
    void nanInfiniteAndOutOfRangeValuesAreRefusedByField() {
        NeroState s = FITTED;
        double[] nanMean = s.pcaMean().clone();
        nanMean[0] = Double.NaN;
        assertEquals("nero.pcaMean[0] is NaN (NaN or infinite)", refusal(x -> copy(x, x.parameters(), x.biasScale(),
                nanMean, x.pcaBasis(), x.eigenvalues(), x.relevanceCentroids(), x.centroidClasses())));
        double[][] infBasis = s.pcaBasis().clone();
        infBasis[1] = infBasis[1].clone();
        infBasis[1][0] = Double.NEGATIVE_INFINITY;
        assertEquals("nero.pcaBasis[1][0] is -Infinity (NaN or infinite)", refusal(x -> copy(x, x.parameters(),
                x.biasScale(), x.pcaMean(), infBasis, x.eigenvalues(), x.relevanceCentroids(), x.centroidClasses())));
        assertEquals("nero.biasScale = NaN must be finite and not negative", refusal(x -> copy(x, x.parameters(),
                Double.NaN, x.pcaMean(), x.pcaBasis(), x.eigenvalues(), x.relevanceCentroids(), x.centroidClasses())));
        NeroParameters bigK = new NeroParameters(s.dimension() + 1, s.parameters().components(),
                s.parameters().distance(), s.parameters().rule());
        assertEquals("nero.k = " + (s.dimension() + 1) + " is larger than nero.dimension = " + s.dimension(),
                refusal(x -> copy(x, bigK, x.biasScale(), x.pcaMean(), x.pcaBasis(), x.eigenvalues(),
                        x.relevanceCentroids(), x.centroidClasses())));
        assertEquals("nero.centroidClasses holds class 7, not in 0.." + (s.classes() - 1), refusal(x -> copy(x,
                x.parameters(), x.biasScale(), x.pcaMean(), x.pcaBasis(), x.eigenvalues(), x.relevanceCentroids(),
                new int[] {0, 7})));
    }

    @Test
    void arraysOfTheWrongSizeAreRefused() {
        assertEquals("nero.eigenvalues has 0 values, expected " + FITTED.eigenvalues().length,
                refusal(x -> copy(x, x.parameters(), x.biasScale(), x.pcaMean(), x.pcaBasis(), new double[0],
                        x.relevanceCentroids(), x.centroidClasses())));
        assertEquals("nero.relevanceCentroids has 2 rows and nero.centroidClasses 1 entries; expected the same, at"
                + " least 1", refusal(x -> copy(x, x.parameters(), x.biasScale(), x.pcaMean(), x.pcaBasis(),
                        x.eigenvalues(), x.relevanceCentroids(), new int[] {0})));
    }
}
