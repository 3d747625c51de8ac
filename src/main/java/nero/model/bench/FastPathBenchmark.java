package nero.model.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nero.core.Precision;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.source.ImageSources;
import nero.model.Classifier;
import nero.model.Engine;
import nero.model.ExtractionOptions;
import nero.model.FeatureExtractor;
import nero.model.Preprocessor;

/**
 * The fast paths side by side in one JVM, interleaved so that every path sees the same machine load: for each path
 * (a model file and the precision it runs in) pure inference (the same batches on tensors prepared in advance, with
 * the pipeline's concurrency) and end-to-end ({@code ImageSources.open(folder)} → {@link FeatureExtractor}, the
 * default decoding) on the same Kvasir frames as {@code bench model}, round after round; medians over the rounds,
 * and the authors' pipeline (torchvision ImageFolder + DataLoader, the better of its two thread settings) on the same
 * files with the float TorchScript file {@code authors=REF.pt}. CPU per image is the whole JVM's, split into user and
 * kernel (sys) time from /proc/self/stat. Not a unit test: prints figures.
 *
 * <pre>
 * ./nero bench paths [images=160] [rounds=3] authors=REF.pt NAME=MODEL[@fp32|bf16|int8][#DECODE_THREADS] ...
 * </pre>
 * ({@code #N}: the pipeline's decode threads for that path; default automatic, the cores libtorch leaves free).
 * Ends with one markdown row per path ("| model | path | …") that tools/make_benchmarks.sh copies into
 * docs/benchmarks.md, and a "best:" line per model: the fastest end-to-end path and its multiple of the authors'.
 */
public final class FastPathBenchmark {
    /**
     * One path: a label, a model file, the precision it runs in (null: the model's own) and the pipeline's decode
     * threads (0: automatic).
     */
    record Variant(String name, Path file, Precision precision, int decodeThreads) {
        static Variant parse(String arg) {
            String name = arg.substring(0, arg.indexOf('='));
            String spec = arg.substring(arg.indexOf('=') + 1);
            int decode = 0;
            int hash = spec.lastIndexOf('#');
            if (hash >= 0) {
                decode = Integer.parseInt(spec.substring(hash + 1));
                spec = spec.substring(0, hash);
            }
            int at = spec.lastIndexOf('@');
            Precision precision = at < 0 ? null : Precision.parse(spec.substring(at + 1));
            return new Variant(name, Path.of(at < 0 ? spec : spec.substring(0, at)).toAbsolutePath().normalize(),
                    precision, decode);
        }

        ExtractionOptions options() {
            return new ExtractionOptions(0, decodeThreads, false, false);
        }
    }

    private FastPathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> numbers = new ArrayList<>();
        List<Variant> paths = new ArrayList<>();
        Path authorsModel = null;
        String family = "model";
        for (String a : args) {
            if (a.startsWith("authors=")) {
                authorsModel = Path.of(a.substring(8)).toAbsolutePath().normalize();
            } else if (a.startsWith("model=")) {
                family = a.substring(6);
            } else if (a.contains("=")) {
                paths.add(Variant.parse(a));
            } else {
                numbers.add(a);
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("give at least one path NAME=MODEL[@precision]");
        }
        int count = numbers.size() > 0 ? Integer.parseInt(numbers.get(0)) : 160;
        int rounds = numbers.size() > 1 ? Integer.parseInt(numbers.get(1)) : 3;
        ThroughputBenchmark.prepareImages(count);
        Map<Variant, Classifier> models = new LinkedHashMap<>();
        try {
            for (Variant p : paths) {
                long t0 = System.nanoTime();
                Classifier c = Classifier.load(p.file(), null, p.precision());
                models.put(p, c);
                System.out.printf(Locale.ROOT, "%s: %s, %s, loaded in %.2f s%n", p.name(), p.file().getFileName(),
                        c.info().precision().key(), (System.nanoTime() - t0) / 1e9);
            }
            run(family, models, count, rounds, authorsModel);
        } finally {
            models.values().forEach(Classifier::close);
        }
    }

    private static void run(String family, Map<Variant, Classifier> models, int count, int rounds,
            Path authorsModel) throws Exception {
        ExtractionOptions options = ExtractionOptions.defaults();
        Map<String, List<float[]>> tensors = new LinkedHashMap<>();
        for (Classifier c : models.values()) {
            tensors.computeIfAbsent(sizeKey(c), k -> tensorsFor(c));
        }
        System.out.printf(Locale.ROOT, "%d JPEGs (the Kvasir frames repeated), batch 8, %d cores, %d concurrent "
                + "inference calls × %d intra-op thread(s), decode threads %d unless a path says otherwise%n", count,
                Runtime.getRuntime().availableProcessors(), Engine.inferenceWorkers(),
                Integer.getInteger("ai.djl.pytorch.num_threads", 1), options.decodeThreadsUsed());
        Map<Variant, double[][]> figures = new LinkedHashMap<>(); // pure, e2e, pure user, pure sys, e2e user, e2e sys
        for (Map.Entry<Variant, Classifier> e : models.entrySet()) { // warm-up, JIT and first-call allocations
            ThroughputBenchmark.pureInference(e.getValue(), tensors.get(sizeKey(e.getValue())), 8);
            ThroughputBenchmark.endToEnd(new FeatureExtractor(e.getValue(), e.getKey().options()), count);
            figures.put(e.getKey(), new double[6][rounds]);
        }
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
            for (Map.Entry<Variant, Classifier> e : models.entrySet()) {
                double[][] f = figures.get(e.getKey());
                UserSys pureCpu = UserSys.now();
                f[0][round] = ThroughputBenchmark.pureInference(e.getValue(), tensors.get(sizeKey(e.getValue())), 8);
                double[] pureMs = pureCpu.perImageSince(count);
                UserSys endToEndCpu = UserSys.now();
                f[1][round] = ThroughputBenchmark.endToEnd(new FeatureExtractor(e.getValue(), e.getKey().options()),
                        count);
                double[] endToEndMs = endToEndCpu.perImageSince(count);
                f[2][round] = pureMs[0];
                f[3][round] = pureMs[1];
                f[4][round] = endToEndMs[0];
                f[5][round] = endToEndMs[1];
                line.append(String.format(Locale.ROOT, " %s pure %.1f, end-to-end %.1f img/s;", e.getKey().name(),
                        f[0][round], f[1][round]));
            }
            System.out.println(line + " (load " + loadAverage() + ")");
        }
        double authors = authorsModel == null ? -1 : ThroughputBenchmark.authorsPipeline(8, authorsModel).best();
        System.out.println("| model | path | precision | pure inference img/s | end-to-end img/s | end-to-end ÷ authors'"
                + " | pure CPU ms/image (user + sys) | end-to-end CPU ms/image (user + sys) |");
        Variant best = null;
        for (Map.Entry<Variant, double[][]> e : figures.entrySet()) {
            double[][] f = e.getValue();
            double endToEnd = ThroughputBenchmark.median(f[1]);
            if (best == null || endToEnd > ThroughputBenchmark.median(figures.get(best)[1])) {
                best = e.getKey();
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %s | %.1f + %.1f | %.1f + %.1f |%n", family,
                    e.getKey().name(), models.get(e.getKey()).info().precision().key(),
                    ThroughputBenchmark.median(f[0]), endToEnd,
                    authors > 0 ? String.format(Locale.ROOT, "%.2f×", endToEnd / authors) : "n/a",
                    ThroughputBenchmark.median(f[2]), ThroughputBenchmark.median(f[3]),
                    ThroughputBenchmark.median(f[4]), ThroughputBenchmark.median(f[5]));
        }
        System.out.printf(Locale.ROOT, "authors: %s %.1f img/s%n", family, authors);
        double bestEndToEnd = ThroughputBenchmark.median(figures.get(best)[1]);
        System.out.printf(Locale.ROOT, "best: %s %s %.1f img/s end-to-end = %s the authors' pipeline%n", family,
                best.name(), bestEndToEnd, authors > 0 ? String.format(Locale.ROOT, "%.2f×", bestEndToEnd / authors)
                : "n/a ×");
    }

    private static String sizeKey(Classifier c) {
        return c.info().preprocessing().width() + "x" + c.info().preprocessing().height();
    }

    private static List<float[]> tensorsFor(Classifier c) {
        Preprocessor pre = new Preprocessor(c.info().preprocessing());
        List<float[]> out = new ArrayList<>();
        try (ImageSource source = ImageSources.open(ThroughputBenchmark.IMAGES)) {
            for (SourceItem item : source) {
                out.add(pre.toTensor(item.read()));
            }
        }
        return out;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The JVM's user and kernel CPU time (/proc/self/stat, clock ticks of 10 ms), NaN off Linux. */
    private record UserSys(long user, long sys) {
        static UserSys now() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return new UserSys(Long.parseLong(fields[11]), Long.parseLong(fields[12]));
            } catch (IOException | RuntimeException e) {
                return new UserSys(-1, -1);
            }
        }

        /** {user, sys} milliseconds per image since this reading. */
        double[] perImageSince(int images) {
            UserSys after = now();
            if (user < 0 || after.user < 0) {
                return new double[] {Double.NaN, Double.NaN};
            }
            return new double[] {(after.user - user) * 10.0 / images, (after.sys - sys) * 10.0 / images};
        }
    }
}
