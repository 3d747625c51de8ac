package nero.core;

import java.util.Arrays;

/** Indices of the k smallest values among the first D, by quickselect, returned ascending by value. */
final class LowestRelevance {
    private LowestRelevance() {
    }

    static int[] indices(double[] values, int d, int k) {
        int[] idx = new int[d];
        for (int j = 0; j < d; j++) {
            idx[j] = j;
        }
        int lo = 0;
        int hi = d - 1;
        while (lo < hi) {
            double pivot = values[idx[(lo + hi) >>> 1]];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[idx[i]] < pivot) {
                    i++;
                }
                while (values[idx[j]] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = idx[i];
                    idx[i++] = idx[j];
                    idx[j--] = t;
                }
            }
            if (k - 1 <= j) {
                hi = j;
            } else if (k - 1 >= i) {
                lo = i;
            } else {
                break;
            }
        }
        int[] out = Arrays.copyOf(idx, k);
        for (int a = 1; a < k; a++) {
            int v = out[a];
            int b = a - 1;
            while (b >= 0 && values[out[b]] > values[v]) {
                out[b + 1] = out[b];
                b--;
            }
            out[b + 1] = v;
        }
        return out;
    }
}
