package nero.core.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.NeroDetector;
import nero.core.NeroParameters;
import nero.core.methods.ModelFamily;
import nero.core.methods.OodMethod;
import nero.core.methods.OodMethods;

/**
 * Prints NERO fit time for N = 2 000, 20 000 and 100 000 training samples at D = 512, C = 11 (synthetic
 * ReLU-like features), scoring throughput and peak heap. Not a unit test. Arguments: optional list of N.
 */
public final class CoreBenchmark {
    private static final int D = 512;
    private static final int C = 11;

    private CoreBenchmark() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {2_000, 20_000, 100_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf("CoreBenchmark: D=%d C=%d, %d CPUs, max heap %d MiB, Java %s%n", D, C,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        HeadWeights head = head();
        FeatureSet test = features(head, 20_000, 99);
        for (int n : sizes) {
            FeatureSet train = features(head, n, n);
            long inputBytes = (long) n * (D + C) * 4;
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            NeroDetector det = NeroDetector.fit(train, head, NeroParameters.defaults());
            double fitSeconds = (System.nanoTime() - t0) / 1e9;
            long peak = peakHeap();
            System.out.printf("fit   N=%7d: %7.3f s   peak heap %6d MiB (inputs %d MiB, %d components, s=%.4f)%n", n,
                    fitSeconds, peak >> 20, inputBytes >> 20, det.components(), det.biasScale());
            det.scores(test); // warm-up
            long t1 = System.nanoTime();
            double[] scores = det.scores(test);
            double scoreSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf("score N=%7d: %7.0f samples/s (%d samples in %.3f s, first score %.5f)%n", n,
                    test.size() / scoreSeconds, test.size(), scoreSeconds, scores[0]);
            if (n == 20_000) {
                baselines(train, head);
            }
            train = null;
        }
    }

    /** Fit and scoring time of every baseline on the N = 20 000 training set (2 000 scored samples). */
    private static void baselines(FeatureSet train, HeadWeights head) {
        FeatureSet test = features(head, 2_000, 98);
        for (String key : OodMethods.keys()) {
            if (key.equals(OodMethods.NERO) || OodMethods.entry(key).needs() == OodMethods.Needs.INPUT_GRADIENTS) {
                continue;
            }
            OodMethod m = OodMethods.create(key, ModelFamily.RESNET18);
            long t0 = System.nanoTime();
            m.fit(train, head);
            double fit = (System.nanoTime() - t0) / 1e9;
            m.score(test);
            long t1 = System.nanoTime();
            m.score(test);
            double score = (System.nanoTime() - t1) / 1e9;
            System.out.printf("  %-12s fit %6.3f s, score %9.0f samples/s%n", key, fit, test.size() / score);
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static HeadWeights head() {
        Random rnd = new Random(1);
        float[][] w = new float[C][D];
        float[] b = new float[C];
        for (int c = 0; c < C; c++) {
            for (int j = 0; j < D; j++) {
                w[c][j] = (float) (rnd.nextGaussian() / Math.sqrt(D));
            }
            b[c] = (float) (0.1 * rnd.nextGaussian());
        }
        return new HeadWeights(w, b);
    }

    /** ReLU-like features: per-class non-negative prototypes plus noise, clipped at 0 (about 40 % zeros). */
    static FeatureSet features(HeadWeights head, int n, long seed) {
        Random protoRnd = new Random(7);
        float[][] proto = new float[C][D];
        for (int c = 0; c < C; c++) {
            for (int j = 0; j < D; j++) {
                proto[c][j] = (float) Math.max(0, protoRnd.nextGaussian());
            }
        }
        float[][] h = new float[n][D];
        float[][] logits = new float[n][C];
        int[] labels = new int[n];
        String[] ids = new String[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            Random rnd = new Random(seed * 1_000_003L + i);
            int c = i % C;
            labels[i] = c;
            ids[i] = Integer.toString(i);
            for (int j = 0; j < D; j++) {
                h[i][j] = (float) Math.max(0, proto[c][j] + 0.5 * rnd.nextGaussian() - 0.2);
            }
            for (int k = 0; k < C; k++) {
                double z = head.bias()[k];
                for (int j = 0; j < D; j++) {
                    z += head.weight()[k][j] * h[i][j];
                }
                logits[i][k] = (float) z;
            }
        });
        return new FeatureSet(ids, h, logits, labels);
    }
}
