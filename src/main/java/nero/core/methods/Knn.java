package nero.core.methods;

import com.google.gson.JsonObject;
import java.util.stream.IntStream;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.InvalidInputException;
import nero.core.StoredFields;

/**
 * Deep nearest neighbours (Sun et al., ICML 2022): features are L2-normalised; the score is the Euclidean
 * distance to the k-th nearest normalised training feature (higher = OOD). Default k = 50; when the training set
 * has fewer than k samples, k is clamped to N (the distance to the farthest training feature). Similarities are
 * accumulated in float32, like the faiss flat index of the original (about 1e-6 absolute).
 */
final class Knn extends TrainedMethod {
    static final int DEFAULT_K = 50;
    private int k;
    private float[][] bank;
    /** The bank transposed (D×N), so that similarities to one query are axpy updates over training samples. */
    private float[][] bankByDimension;

    Knn(int k) {
        if (k < 1) {
            throw new InvalidInputException("KNN k must be at least 1, got " + k);
        }
        this.k = k;
    }

    int effectiveK() {
        return Math.min(k, bank.length);
    }

    @Override
    public void fit(FeatureSet train, HeadWeights head) {
        this.head = head;
        checkAll(train);
        if (train.size() == 0) {
            throw new InvalidInputException("KNN needs at least one training sample");
        }
        bank = new float[train.size()][];
        for (int i = 0; i < bank.length; i++) {
            bank[i] = normalised(train.features()[i], train.ids()[i]);
        }
        index();
    }

    private void index() {
        int d = bank[0].length;
        bankByDimension = new float[d][bank.length];
        for (int t = 0; t < bank.length; t++) {
            for (int j = 0; j < d; j++) {
                bankByDimension[j][t] = bank[t][j];
            }
        }
        fitted = true;
    }

    private static float[] normalised(float[] h, String id) {
        double s = 0;
        for (float x : h) {
            s += (double) x * x;
        }
        if (s == 0) {
            throw new InvalidInputException("sample " + id + ": the feature vector is all zeros, so KNN cannot"
                    + " normalise it");
        }
        double inv = 1 / Math.sqrt(s);
        float[] out = new float[h.length];
        for (int j = 0; j < h.length; j++) {
            out[j] = (float) (h[j] * inv);
        }
        return out;
    }

    private static final int QUERY_BATCH = 32;
    private static final int BANK_BLOCK = 512;

    /**
     * Queries are scored in batches against blocks of the transposed bank, so that each block is read from memory
     * once per batch rather than once per query.
     */
    @Override
    public double[] score(FeatureSet samples) {
        requireFitted();
        checkAll(samples);
        int kk = effectiveK();
        int n = samples.size();
        int bankSize = bank.length;
        double[] out = new double[n];
        int batches = (n + QUERY_BATCH - 1) / QUERY_BATCH;
        IntStream.range(0, batches).parallel().forEach(b -> {
            int from = b * QUERY_BATCH;
            int to = Math.min(n, from + QUERY_BATCH);
            float[][] queries = new float[to - from][];
            float[][] sims = new float[to - from][bankSize];
            for (int q = from; q < to; q++) {
                queries[q - from] = normalised(samples.features()[q], samples.ids()[q]);
            }
            for (int t0 = 0; t0 < bankSize; t0 += BANK_BLOCK) {
                int t1 = Math.min(bankSize, t0 + BANK_BLOCK);
                for (int q = 0; q < queries.length; q++) {
                    float[] query = queries[q];
                    float[] s = sims[q];
                    for (int j = 0; j < query.length; j++) {
                        float a = query[j];
                        if (a != 0) {
                            float[] column = bankByDimension[j];
                            for (int t = t0; t < t1; t++) {
                                s[t] += a * column[t];
                            }
                        }
                    }
                }
            }
            for (int q = 0; q < queries.length; q++) {
                float[] s = sims[q];
                double[] dist = new double[bankSize];
                for (int t = 0; t < bankSize; t++) {
                    dist[t] = Math.sqrt(Math.max(0, 2 - 2 * (double) s[t]));
                }
                out[from + q] = kthSmallest(dist, kk);
            }
        });
        return out;
    }

    static double kthSmallest(double[] v, int k) {
        int lo = 0;
        int hi = v.length - 1;
        int target = k - 1;
        while (lo < hi) {
            double pivot = v[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = v[i];
                    v[i++] = v[j];
                    v[j--] = t;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return v[target];
    }

    @Override
    public JsonObject state() {
        return new StateJson().number("k", k).matrix("bank", bank).json();
    }

    @Override
    void read(StoredFields stored, HeadWeights head) {
        k = stored.integer("k");
        if (k < 1) {
            throw new InvalidInputException("field " + stored.name("k") + " = " + k + " must be at least 1");
        }
        bank = stored.floatMatrix("bank");
        for (float[] row : bank) {
            Stored.length(stored, "bank", row.length, head.dimension());
        }
        if (bank.length == 0) {
            throw new InvalidInputException("stored KNN state has no training features");
        }
        index();
    }
}
