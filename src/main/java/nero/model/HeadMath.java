package nero.model;

import java.util.Arrays;
import nero.core.HeadWeights;

/** The small numerics shared by every engine: rows of a flat array, the spatial mean, the head applied in Java. */
final class HeadMath {
    private HeadMath() {
    }

    static float[][] rows(float[] flat, int n, int width) {
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return rows;
    }

    /** The mean over h×w of an n×channels×h×w map ({@code area} = h·w), in double then float. */
    static float[][] spatialMean(float[] map, int n, int channels, int area) {
        float[][] mean = new float[n][channels];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                for (int k = 0; k < area; k++) {
                    sum += map[offset++];
                }
                mean[i][c] = (float) (sum / area);
            }
        }
        return mean;
    }

    /** {@code W·h + b} per row, in double then float. */
    static float[][] applyHead(HeadWeights head, float[][] features) {
        float[][] logits = new float[features.length][head.classes()];
        for (int i = 0; i < features.length; i++) {
            for (int k = 0; k < head.classes(); k++) {
                float[] w = head.weight()[k];
                double sum = head.bias()[k];
                for (int d = 0; d < w.length; d++) {
                    sum += (double) w[d] * features[i][d];
                }
                logits[i][k] = (float) sum;
            }
        }
        return logits;
    }

    /** max |a−b| / max(1, |b|): absolute for small values, relative for large ones. */
    static double maxRelativeDifference(float[][] a, float[][] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]) / Math.max(1.0, Math.abs(b[i][j])));
            }
        }
        return worst;
    }

    /** Deterministic, image-like values (about the range of a normalised image): the contract check's input. */
    static InputBatch probeInput(int n, int height, int width) {
        int sampleSize = InputBatch.CHANNELS * height * width;
        float[] x = new float[n * sampleSize];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < sampleSize; i++) {
                x[s * sampleSize + i] = (float) (Math.sin(0.01 * i + s) * 2.0);
            }
        }
        return new InputBatch(x, n, height, width);
    }
}
