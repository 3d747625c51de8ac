package nero.core.methods;

import com.google.gson.JsonObject;
import java.util.stream.IntStream;
import nero.core.CovarianceAccumulator;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.StoredFields;
import nero.core.SymmetricEigen;

/**
 * Simplified Mahalanobis (penultimate layer only): class means from ground-truth training labels, tied covariance
 * of the class-centred features (divisor N), pseudo-inverse precision; score = min over classes of the squared
 * Mahalanobis distance.
 */
final class Mahalanobis extends TrainedMethod {
    private double[][] means;
    private double[] precision;

    @Override
    public void fit(FeatureSet train, HeadWeights head) {
        this.head = head;
        int classes = head.classes();
        requireLabels(train, classes, "Mahalanobis");
        checkAll(train);
        int d = train.dimension();
        double[][] sums = new double[classes][d];
        int[] counts = new int[classes];
        for (int i = 0; i < train.size(); i++) {
            int y = train.labels()[i];
            counts[y]++;
            float[] h = train.features()[i];
            for (int j = 0; j < d; j++) {
                sums[y][j] += h[j];
            }
        }
        int present = 0;
        for (int c : counts) {
            present += c > 0 ? 1 : 0;
        }
        double[][] classMeans = new double[classes][];
        means = new double[present][];
        for (int c = 0, r = 0; c < classes; c++) {
            if (counts[c] > 0) {
                for (int j = 0; j < d; j++) {
                    sums[c][j] /= counts[c];
                }
                classMeans[c] = sums[c];
                means[r++] = sums[c];
            }
        }
        CovarianceAccumulator acc = new CovarianceAccumulator(d);
        double[] row = new double[d];
        for (int i = 0; i < train.size(); i++) {
            double[] mu = classMeans[train.labels()[i]];
            float[] h = train.features()[i];
            for (int j = 0; j < d; j++) {
                row[j] = h[j] - mu[j];
            }
            acc.add(row);
        }
        precision = SymmetricEigen.of(acc.secondMoment(), d).pseudoInverse();
        fitted = true;
    }

    /**
     * {@code (h−μ)ᵀP(h−μ) = hᵀPh − 2·hᵀPμ + μᵀPμ}: one D×D product per sample instead of one per class.
     */
    @Override
    public double[] score(FeatureSet samples) {
        requireFitted();
        checkAll(samples);
        int d = means[0].length;
        double[][] pMeans = new double[means.length][d];
        double[] muPmu = new double[means.length];
        for (int c = 0; c < means.length; c++) {
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += precision[i * d + j] * means[c][j];
                }
                pMeans[c][i] = s;
                muPmu[c] += means[c][i] * s;
            }
        }
        double[] out = new double[samples.size()];
        IntStream.range(0, out.length).parallel().forEach(i -> {
            float[] h = samples.features()[i];
            double[] ph = new double[d];
            for (int a = 0; a < d; a++) {
                double ha = h[a];
                if (ha != 0) {
                    for (int b = 0; b < d; b++) {
                        ph[b] += ha * precision[a * d + b];
                    }
                }
            }
            double hph = 0;
            for (int a = 0; a < d; a++) {
                hph += h[a] * ph[a];
            }
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < means.length; c++) {
                double cross = 0;
                for (int a = 0; a < d; a++) {
                    cross += h[a] * pMeans[c][a];
                }
                best = Math.min(best, hph - 2 * cross + muPmu[c]);
            }
            out[i] = Math.max(0, best);
        });
        return out;
    }

    @Override
    public JsonObject state() {
        return new StateJson().matrix("means", means).vector("precision", precision).json();
    }

    @Override
    void read(StoredFields stored, HeadWeights head) {
        int d = head.dimension();
        means = Stored.rows(stored, "means", d);
        precision = Stored.vector(stored, "precision", d * d);
    }
}
