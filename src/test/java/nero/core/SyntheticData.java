package nero.core;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Synthetic ReLU-like penultimate features around class prototypes, with a head aligned to the prototypes (so ID
 * samples are classified confidently). OOD samples come from "novel" prototypes the head was not built for.
 */
public final class SyntheticData {
    private static final long ID_PROTOTYPES = 12345;
    private static final long NOVEL_PROTOTYPES = 777;

    private SyntheticData() {
    }

    static float[][] prototypes(int classes, int d, long seed) {
        Random rnd = new Random(seed);
        float[][] p = new float[classes][d];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) {
                p[c][j] = (float) Math.max(0, rnd.nextGaussian() + 0.3);
            }
        }
        return p;
    }

    public static HeadWeights head(int classes, int d, long seed) {
        float[][] p = prototypes(classes, d, ID_PROTOTYPES);
        Random rnd = new Random(seed);
        float[][] w = new float[classes][d];
        float[] b = new float[classes];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int c = 0; c < classes; c++) {
                mean += p[c][j] / classes;
            }
            for (int c = 0; c < classes; c++) {
                w[c][j] = (float) (4.0 * (p[c][j] - mean) / d + 0.02 * rnd.nextGaussian());
            }
        }
        for (int c = 0; c < classes; c++) {
            b[c] = (float) (0.1 * rnd.nextGaussian() + 0.05);
        }
        return new HeadWeights(w, b);
    }

    /** ID-like samples (labels cycle over the classes). */
    public static FeatureSet features(HeadWeights head, int n, long seed) {
        return sample(head, prototypes(head.classes(), head.dimension(), ID_PROTOTYPES), n, seed, "id");
    }

    /** OOD samples from novel prototypes (labels −1). */
    public static FeatureSet novel(HeadWeights head, int n, long seed) {
        FeatureSet s = sample(head, prototypes(head.classes(), head.dimension(), NOVEL_PROTOTYPES), n, seed, "ood");
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        return new FeatureSet(s.ids(), s.features(), s.logits(), labels);
    }

    private static FeatureSet sample(HeadWeights head, float[][] prototypes, int n, long seed, String tag) {
        int d = head.dimension();
        int classes = prototypes.length;
        float[][] h = new float[n][d];
        int[] labels = new int[n];
        String[] ids = new String[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            Random rnd = new Random(seed * 1_000_003L + i);
            int c = i % classes;
            labels[i] = c;
            ids[i] = tag + seed + "-" + i;
            for (int j = 0; j < d; j++) {
                h[i][j] = (float) Math.max(0, prototypes[c][j] + 0.35 * rnd.nextGaussian());
            }
            h[i][rnd.nextInt(d)] += 0.5f;
        });
        return new FeatureSet(ids, h, logits(head, h), labels);
    }

    public static float[][] logits(HeadWeights head, float[][] features) {
        float[][] out = new float[features.length][head.classes()];
        IntStream.range(0, features.length).parallel().forEach(i -> {
            for (int c = 0; c < head.classes(); c++) {
                double z = head.bias()[c];
                float[] w = head.weight()[c];
                for (int j = 0; j < head.dimension(); j++) {
                    z += (double) w[j] * features[i][j];
                }
                out[i][c] = (float) z;
            }
        });
        return out;
    }
}
