package nero.core.methods;

import com.google.gson.JsonObject;
import java.util.stream.IntStream;
import nero.core.CovarianceAccumulator;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.InvalidInputException;
import nero.core.Softmax;
import nero.core.StoredFields;
import nero.core.SymmetricEigen;

/**
 * NECO: standardise features (training mean and population std, std 0 → 1), PCA on the standardised training
 * features, score = {@code −‖PCA(z)[:dim]‖ / ‖z‖}; on the ViT path the denominator is the raw ‖h‖ and the ratio is
 * multiplied by the max logit. {@code dim = min(100, D)}.
 */
final class Neco extends TrainedMethod {
    static final int DEFAULT_DIM = 100;
    private boolean vitPath;
    private final int requestedDim;
    private double[] scalerMean;
    private double[] scalerStd;
    private double[] pcaMean;
    private double[][] components;

    Neco(boolean vitPath, int dim) {
        this.vitPath = vitPath;
        this.requestedDim = dim;
    }

    @Override
    public void fit(FeatureSet train, HeadWeights head) {
        this.head = head;
        checkAll(train);
        int n = train.size();
        if (n < 2) {
            throw new InvalidInputException("NECO needs at least 2 training samples");
        }
        int d = train.dimension();
        scalerMean = new double[d];
        for (float[] h : train.features()) {
            for (int j = 0; j < d; j++) {
                scalerMean[j] += h[j];
            }
        }
        for (int j = 0; j < d; j++) {
            scalerMean[j] /= n;
        }
        scalerStd = new double[d];
        for (float[] h : train.features()) {
            for (int j = 0; j < d; j++) {
                double a = h[j] - scalerMean[j];
                scalerStd[j] += a * a;
            }
        }
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(scalerStd[j] / n);
            scalerStd[j] = s == 0 ? 1 : s;
        }
        CovarianceAccumulator acc = new CovarianceAccumulator(d);
        for (float[] h : train.features()) {
            acc.add(standardise(h));
        }
        pcaMean = acc.mean();
        int dim = Math.min(requestedDim, d);
        components = SymmetricEigen.of(acc.covariance(), d).columns(0, dim);
        fitted = true;
    }

    private double[] standardise(float[] h) {
        double[] z = new double[h.length];
        for (int j = 0; j < h.length; j++) {
            z[j] = (h[j] - scalerMean[j]) / scalerStd[j];
        }
        return z;
    }

    @Override
    public double[] score(FeatureSet samples) {
        requireFitted();
        checkAll(samples);
        int d = scalerMean.length;
        double[] out = new double[samples.size()];
        IntStream.range(0, out.length).parallel().forEach(i -> {
            float[] h = samples.features()[i];
            double[] z = standardise(h);
            double[] centred = new double[d];
            double zNorm = 0;
            double hNorm = 0;
            for (int j = 0; j < d; j++) {
                zNorm += z[j] * z[j];
                hNorm += (double) h[j] * h[j];
                centred[j] = z[j] - pcaMean[j];
            }
            double yNorm = projectedSquaredNorm(centred, components);
            double ratio;
            if (vitPath) {
                float[] l = samples.logits()[i];
                ratio = Math.sqrt(yNorm) / Math.sqrt(hNorm) * l[Softmax.argmax(l)];
            } else {
                ratio = Math.sqrt(yNorm) / Math.sqrt(zNorm);
            }
            out[i] = -ratio;
        });
        return out;
    }

    @Override
    public JsonObject state() {
        return new StateJson().flag("vitPath", vitPath).vector("scalerMean", scalerMean)
                .vector("scalerStd", scalerStd).vector("pcaMean", pcaMean).matrix("components", components).json();
    }

    @Override
    void read(StoredFields stored, HeadWeights head) {
        vitPath = stored.bool("vitPath");
        scalerMean = Stored.vector(stored, "scalerMean", head.dimension());
        scalerStd = Stored.vector(stored, "scalerStd", head.dimension());
        pcaMean = stored.doubles("pcaMean");
        components = stored.doubleMatrix("components");
    }
}
