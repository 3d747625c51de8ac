package nero.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import nero.app.FeatureFit;
import nero.app.Requests;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.ProgressListener;
import nero.model.Classifier;
import nero.model.Engine;

/**
 * The driver's memory for a fit from features ({@link FeatureFit}, as the Spark fit job runs it on its driver): peak
 * heap while fitting N synthetic training rows of the model's size (features in [0, 6), logits from the model's
 * head), with the detector file written. Peak = the largest heap in use, sampled every 5 ms; figures include the
 * rows themselves. Run with a heap large enough for the largest N:
 *
 * <pre>
 * ./nero bench fit-memory MODEL [N ...]           (NERO_JAVA_OPTS=-Xmx6g for large N)
 * </pre>
 */
public final class FitMemoryBenchmark {
    private FitMemoryBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: MODEL [N ...]");
        }
        Path model = Path.of(args[0]);
        int[] sizes = args.length > 1 ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt)
                .toArray() : new int[] {2000, 4000, 8000};
        Engine.ensureStarted();
        HeadWeights head;
        List<String> classes;
        try (Classifier c = Classifier.load(model)) {
            head = c.head();
            classes = c.info().classNames().subList(0, Math.min(3, c.info().classNames().size()));
        }
        Path dir = Files.createTempDirectory("nero-fit-memory");
        System.out.printf(Locale.ROOT, "model %s: D = %d, C = %d; max heap %d MB%n", model.getFileName(),
                head.dimension(), head.classes(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| N | rows (MB) | peak heap (MB) | detector file (MB) | fit s |");
        System.out.println("|---|---|---|---|---|");
        for (int n : sizes) {
            FeatureSet rows = synthetic(n, head, classes.size());
            Path out = dir.resolve("n" + n + ".nero");
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            FeatureFit.fit(new Requests.Fit(model, dir.resolve("train"), null, 0.95, out, null),
                    new FeatureFit.FolderFeatures(dir.resolve("train"), classes, rows), null,
                    List.of(), ProgressListener.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            sampler.join();
            long rowBytes = (long) n * (head.dimension() + head.classes()) * Float.BYTES;
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.1f | %.1f |%n", n, rowBytes / 1048576.0,
                    peak.get() / 1048576.0, Files.size(out) / 1048576.0, seconds);
            Files.delete(out);
        }
    }

    private static FeatureSet synthetic(int n, HeadWeights head, int classes) {
        SplittableRandom random = new SplittableRandom(42);
        String[] ids = new String[n];
        float[][] features = new float[n][head.dimension()];
        float[][] logits = new float[n][head.classes()];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "row" + i;
            labels[i] = i % classes;
            for (int d = 0; d < features[i].length; d++) {
                features[i][d] = (float) (random.nextDouble() * random.nextDouble() * 6);
            }
            for (int c = 0; c < logits[i].length; c++) {
                double z = head.bias()[c];
                for (int d = 0; d < features[i].length; d++) {
                    z += head.weight()[c][d] * features[i][d];
                }
                logits[i][c] = (float) z;
            }
        }
        return new FeatureSet(ids, features, logits, labels);
    }
}
