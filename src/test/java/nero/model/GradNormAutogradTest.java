package nero.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.methods.OodMethod;
import nero.core.methods.OodMethods;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GradNorm's closed form (core.methods.GradNorm: −Σ_c|C·p_c − 1|·‖h‖₁) equals the L1 norm of the gradient that
 * PyTorch's autograd gives for the final layer's weight, as GradNorm's authors (and pytorch-ood) compute it: loss
 * Σ_c −log softmax(W·h + b)_c, one image at a time. Shown on real TorchScript models' features and heads, so the
 * closed form is right for any model with a linear head, ONNX ones included (which have no autograd).
 */
class GradNormAutogradTest {
    @ParameterizedTest
    @ValueSource(strings = {"tiny-cnn.pt", "sample"})
    void theClosedFormEqualsTheAutogradGradientNorm(String which) {
        Path file = which.equals("sample") ? Fixtures.basedir().resolve("sample-data/model/nero-sample.pt")
                : Fixtures.model(which);
        try (Classifier c = Classifier.load(file)) {
            int size = c.info().preprocessing().height();
            float[][] x = Fixtures.fixedInputs(3, 3 * size * c.info().preprocessing().width());
            ModelOutputs out = c.run(InputBatch.of(x, size, c.info().preprocessing().width()), false);
            FeatureSet set = new FeatureSet(new String[] {"a", "b", "c"}, out.features(), out.logits(),
                    new int[] {-1, -1, -1});
            OodMethod gradNorm = OodMethods.create("gradnorm", c.info().family());
            gradNorm.fit(set, c.head());
            double[] closedForm = gradNorm.score(set);
            for (int i = 0; i < 3; i++) {
                double autograd = -autogradWeightGradientL1(c.head(), out.features()[i]);
                // 1e-6: the closed form starts from float32 logits, autograd from float64 ones (2e-8 apart here)
                assertEquals(autograd, closedForm[i], 1e-6 * Math.abs(autograd), which + " image " + i);
            }
        }
    }

    /** ‖∂/∂W Σ_c −log softmax(W·h + b)_c‖₁ by libtorch's autograd (float64). */
    private static double autogradWeightGradientL1(HeadWeights head, float[] h) {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            int classes = head.classes();
            int d = head.dimension();
            float[] flat = new float[classes * d];
            for (int k = 0; k < classes; k++) {
                System.arraycopy(head.weight()[k], 0, flat, k * d, d);
            }
            NDArray w = m.create(flat, new Shape(classes, d)).toType(DataType.FLOAT64, false);
            NDArray b = m.create(head.bias()).toType(DataType.FLOAT64, false);
            NDArray features = m.create(h, new Shape(1, d)).toType(DataType.FLOAT64, false);
            w.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray logits = features.matMul(w.transpose()).add(b);
                NDArray loss = logits.logSoftmax(1).sum().neg();
                collector.backward(loss);
            }
            return w.getGradient().abs().sum().getDouble();
        }
    }
}
