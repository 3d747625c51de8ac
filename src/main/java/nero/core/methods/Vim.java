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
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * ViM: origin {@code u = −pinv(W)·b}, principal space from the second moment of {@code h − u} (divisor N),
 * residual = projection onto the eigenvectors after the top DIM (1000 if D ≥ 2048, 512 if D ≥ 768, else D/2),
 * {@code α = mean(max logit) / mean(‖residual‖)} on training; score = {@code α‖residual‖ − logsumexp(l)}.
 */
final class Vim extends TrainedMethod {
    private double[] origin;
    private double[][] nullSpace;
    private double alpha;

    static int principalDimension(int d) {
        return d >= 2048 ? 1000 : d >= 768 ? 512 : d / 2;
    }

    @Override
    public void fit(FeatureSet train, HeadWeights head) {
        this.head = head;
        checkAll(train);
        if (train.size() < 2) {
            throw new InvalidInputException("ViM needs at least 2 training samples");
        }
        int d = head.dimension();
        DMatrixRMaj w = new DMatrixRMaj(head.classes(), d);
        for (int c = 0; c < head.classes(); c++) {
            for (int j = 0; j < d; j++) {
                w.set(c, j, head.weight()[c][j]);
            }
        }
        DMatrixRMaj pinv = new DMatrixRMaj(d, head.classes());
        CommonOps_DDRM.pinv(w, pinv);
        origin = new double[d];
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int c = 0; c < head.classes(); c++) {
                s += pinv.get(j, c) * head.bias()[c];
            }
            origin[j] = -s;
        }
        CovarianceAccumulator acc = new CovarianceAccumulator(d);
        double[] row = new double[d];
        for (float[] h : train.features()) {
            for (int j = 0; j < d; j++) {
                row[j] = h[j] - origin[j];
            }
            acc.add(row);
        }
        SymmetricEigen eig = SymmetricEigen.of(acc.secondMoment(), d);
        nullSpace = eig.columns(principalDimension(d), d);
        double maxLogitSum = 0;
        for (float[] l : train.logits()) {
            maxLogitSum += l[Softmax.argmax(l)];
        }
        double residualSum = 0;
        for (double r : residuals(train)) {
            residualSum += r;
        }
        alpha = maxLogitSum / residualSum;
        fitted = true;
    }

    private double[] residuals(FeatureSet set) {
        int d = origin.length;
        double[] out = new double[set.size()];
        IntStream.range(0, out.length).parallel().forEach(i -> {
            float[] h = set.features()[i];
            double[] centred = new double[d];
            for (int j = 0; j < d; j++) {
                centred[j] = h[j] - origin[j];
            }
            out[i] = Math.sqrt(projectedSquaredNorm(centred, nullSpace));
        });
        return out;
    }

    @Override
    public double[] score(FeatureSet samples) {
        requireFitted();
        checkAll(samples);
        double[] r = residuals(samples);
        for (int i = 0; i < r.length; i++) {
            r[i] = alpha * r[i] - Softmax.logSumExp(samples.logits()[i]);
        }
        return r;
    }

    double alpha() {
        return alpha;
    }

    double[] origin() {
        return origin;
    }

    @Override
    public JsonObject state() {
        return new StateJson().vector("origin", origin).matrix("nullSpace", nullSpace).number("alpha", alpha).json();
    }

    @Override
    void read(StoredFields stored, HeadWeights head) {
        origin = Stored.vector(stored, "origin", head.dimension());
        nullSpace = stored.doubleMatrix("nullSpace");
        alpha = stored.number("alpha");
        Stored.length(stored, "nullSpace", nullSpace.length, head.dimension());
    }
}
