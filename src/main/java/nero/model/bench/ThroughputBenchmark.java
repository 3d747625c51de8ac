package nero.model.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nero.core.Preprocessing;
import nero.core.ProgressListener;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.source.ImageSources;
import nero.model.Classifier;
import nero.model.InputBatch;
import nero.model.Engine;
import nero.model.Extraction;
import nero.model.ExtractionOptions;
import nero.model.FeatureExtractor;
import nero.model.NativeAllocator;
import nero.model.Preprocessor;

/**
 * Pure inference vs end-to-end on the same images and the same ResNet-18 file, plus the authors' PyTorch pipeline
 * style when /usr/bin/python3 has torch. End-to-end is the production path: {@code ImageSources.open(folder)} (files
 * on disk, decoded by nero.io) → {@link FeatureExtractor} → FeatureSet. Pure inference runs the same batches on
 * tensors prepared in advance. Each round measures both back to back, so both see the same machine load; the
 * ratio is reported per round, then as median and range. Not a unit test: prints figures.
 *
 * <pre>
 * ./nero bench model [images=160] [batch=0 (auto)] [rounds=5] [end-to-end-only] [MODEL.pt|MODEL.onnx]
 *                    [fp32|bf16|int8] [authors=REF.pt]
 * </pre>
 * (the launcher's JVM, -Xmx2g; the ResNet-18 file is made on first use with Debian's /usr/bin/python3 and
 * tools/make_model_fixtures.py; a {@code .pt} or {@code .onnx} argument benchmarks that model instead, e.g. the
 * shared MobileNetV2, in the precision given (default: the model's own); the authors' pipeline runs the model
 * itself when it is a float {@code .pt}, else {@code authors=REF.pt}, its float TorchScript twin, or is left out).
 * {@code ./nero bench paths} ({@link FastPathBenchmark}) runs several such paths interleaved in one JVM.
 * {@code end-to-end-only}: one end-to-end pass and the JVM's peak RSS, no tensors kept in advance (the memory check
 * for large image counts). Each round measures end-to-end twice, with the default reduced-size JPEG decoding and with
 * {@code -Dnero.decode=exact} (Pillow-identical pixels); the summary ends with one markdown table row per mode
 * ("| model | decoding | …") that tools/make_benchmarks.sh copies into docs/benchmarks.md.
 *
 * <p>CPU is also split into user and kernel (sys) time (/proc/self/stat), per image, for pure inference and
 * end-to-end: sys time is what a C allocator that maps and unmaps activation buffers per batch costs (issue 25;
 * {@link NativeAllocator}). The summary says whether sys stays under 10 % of user, and a "sys-row: | …" line gives
 * both with the authors' pipeline's, as users run it and with the same malloc setting in its environment.
 * {@code NERO_JAVA_OPTS="-Xmx2g -Dnero.malloc=default"} measures without the setting, and e.g.
 * {@code MALLOC_MMAP_THRESHOLD_=65536} in the environment measures a hostile one.
 */
public final class ThroughputBenchmark {
    private static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path RESNET18 = BASE.resolve("target/bench/resnet18-nero.pt");
    static final Path IMAGES = BASE.resolve("target/bench/images");
    private static final String[] MODES = {"reduced", "exact"};
    private static Path model = RESNET18;

    public static void main(String[] allArgs) throws Exception {
        List<String> argList = new ArrayList<>();
        nero.core.Precision precision = null;
        Path authorsModel = null;
        for (String a : allArgs) {
            if (a.endsWith(".pt") || a.endsWith(".onnx")) {
                model = Path.of(a).toAbsolutePath().normalize();
            } else if (a.startsWith("authors=")) {
                authorsModel = Path.of(a.substring(8)).toAbsolutePath().normalize();
            } else if (a.matches("fp32|bf16|int8")) {
                precision = nero.core.Precision.parse(a);
            } else {
                argList.add(a);
            }
        }
        String[] args = argList.toArray(new String[0]);
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 160;
        int batchOption = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        boolean endToEndOnly = args.length > 3 && args[3].equals("end-to-end-only");
        if (model.equals(RESNET18) && !Files.exists(RESNET18)) {
            run(List.of("/usr/bin/python3", BASE.resolve("tools/make_model_fixtures.py").toString(), "--resnet18",
                    RESNET18.toString()));
        }
        final Path MODEL = model;
        prepareImages(count);
        ExtractionOptions options = new ExtractionOptions(batchOption, 0, false, false);
        try (Classifier c = Classifier.load(MODEL, null, precision)) {
            FeatureExtractor extractor = new FeatureExtractor(c, options);
            int batch = batchOption > 0 ? batchOption : autoBatch(c);
            System.out.printf("images: %d JPEGs (the 4 Kvasir frames repeated, 720×576 to 1920×1072) via "
                    + "ImageSources.open(folder), batch %d, %d cores, libtorch intra-op threads %s × %d concurrent batches, decode threads %d%n",
                    count, batch, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("ai.djl.pytorch.num_threads"), Engine.inferenceWorkers(),
                    options.decodeThreadsUsed());
            System.out.println("allocator: " + NativeAllocator.description());
            if (endToEndOnly) {
                System.out.printf("end-to-end %.1f img/s%n", endToEnd(extractor, count));
                System.out.println("JVM peak RSS (VmHWM): " + peakRss());
                return;
            }
            Preprocessor pre = new Preprocessor(c.info().preprocessing());
            List<float[]> tensors = new ArrayList<>();
            long decodeStart = System.nanoTime();
            try (ImageSource source = ImageSources.open(IMAGES)) {
                for (SourceItem item : source) {
                    tensors.add(pre.toTensor(item.readForModel(c.info().preprocessing().width(),
                            c.info().preprocessing().height())));
                }
            }
            System.out.printf("decode + preprocess on one thread (cold JIT): %.1f ms/image%n",
                    (System.nanoTime() - decodeStart) / 1e6 / tensors.size());
            pureInference(c, tensors, batch); // warm-up
            for (String mode : MODES) {
                withDecoding(mode, () -> endToEnd(extractor, count)); // warm-up, incl. JIT of each decode path
            }
            double[] pure = new double[rounds];
            double[] pureCpuMs = new double[rounds];
            double[] pureUserMs = new double[rounds];
            double[] pureSysMs = new double[rounds];
            double[] endToEndUserMs = new double[rounds];
            double[] endToEndSysMs = new double[rounds];
            double[][] endToEnd = new double[MODES.length][rounds];
            double[][] ratio = new double[MODES.length][rounds];
            double[][] cpuRatio = new double[MODES.length][rounds];
            double[][] endToEndCpuMs = new double[MODES.length][rounds];
            for (int round = 0; round < rounds; round++) {
                CpuClock pureCpu = new CpuClock();
                pure[round] = pureInference(c, tensors, batch);
                pureCpu.stop(count);
                pureCpuMs[round] = pureCpu.processMs;
                pureUserMs[round] = pureCpu.userMs;
                pureSysMs[round] = pureCpu.sysMs;
                StringBuilder line = new StringBuilder(String.format("round %d: pure inference %.1f img/s (CPU %.1f ms/image:"
                        + " user %.1f, sys %.1f)", round + 1, pure[round], pureCpu.processMs, pureCpu.userMs, pureCpu.sysMs));
                for (int m = 0; m < MODES.length; m++) {
                    CpuClock endToEndCpu = new CpuClock();
                    endToEnd[m][round] = withDecoding(MODES[m], () -> endToEnd(extractor, count));
                    endToEndCpu.stop(count);
                    ratio[m][round] = endToEnd[m][round] / pure[round];
                    cpuRatio[m][round] = pureCpu.processMs / endToEndCpu.processMs;
                    endToEndCpuMs[m][round] = endToEndCpu.processMs;
                    if (m == 0) {
                        endToEndUserMs[round] = endToEndCpu.userMs;
                        endToEndSysMs[round] = endToEndCpu.sysMs;
                    }
                    line.append(String.format("; %s: end-to-end %.1f img/s, ratio %.2f, CPU %.1f ms/image (user %.1f, sys"
                            + " %.1f, GC %.1f)", MODES[m], endToEnd[m][round], ratio[m][round], endToEndCpu.processMs,
                            endToEndCpu.userMs, endToEndCpu.sysMs, endToEndCpu.gcMs));
                }
                System.out.println(line + " (load " + loadAverage() + ")");
            }
            System.out.printf("median (range): pure inference %s img/s%n", summary(pure, "%.1f"));
            for (int m = 0; m < MODES.length; m++) {
                System.out.printf("%s decoding: end-to-end %s img/s, ratio %s (target ≥ 0.85); CPU-bound ratio (pure CPU"
                        + " per image / end-to-end CPU per image, the ratio when both saturate the cores) %s%n", MODES[m],
                        summary(endToEnd[m], "%.1f"), summary(ratio[m], "%.2f"), summary(cpuRatio[m], "%.2f"));
            }
            double[] ceiling = new double[MODES.length];
            double[] readMs = new double[MODES.length];
            double[] tensorMs = new double[MODES.length];
            for (int m = 0; m < MODES.length; m++) {
                double[] parts = withDecoding(MODES[m], () -> printCeiling(pre, median(pureCpuMs), c));
                readMs[m] = parts[0];
                tensorMs[m] = parts[1];
                ceiling[m] = median(pureCpuMs) / (median(pureCpuMs) + parts[0] + parts[1]);
            }
            if (authorsModel == null && MODEL.toString().endsWith(".pt")
                    && c.info().precision() != nero.core.Precision.INT8) {
                authorsModel = MODEL;
            }
            AuthorsRun authors = authorsModel == null ? AuthorsRun.NOT_RUN
                    : authorsPipeline(batchOption > 0 ? batchOption : 8, authorsModel);
            String name = MODEL.getFileName().toString().replace("-nero.pt", "").replace(".pt", "")
                    + (c.info().precision() == nero.core.Precision.FP32 ? "" : " " + c.info().precision().key());
            double pureSysShare = median(pureSysMs) / median(pureUserMs);
            double endToEndSysShare = median(endToEndSysMs) / median(endToEndUserMs);
            System.out.printf(java.util.Locale.ROOT, "CPU per image, user + sys (medians): pure inference %.1f + %.1f ms"
                    + " (sys %.0f %% of user), end-to-end %s %.1f + %.1f ms (sys %.0f %% of user): sys < 10 %% of user:"
                    + " %s%n", median(pureUserMs), median(pureSysMs), 100 * pureSysShare, MODES[0],
                    median(endToEndUserMs), median(endToEndSysMs), 100 * endToEndSysShare,
                    pureSysShare < 0.10 && endToEndSysShare < 0.10 ? "yes" : "NO");
            System.out.printf(java.util.Locale.ROOT, "sys-row: | %s | %s | %s | %.1f + %.1f (%.0f %%) | %.1f | %.1f + %.1f"
                    + " (%.0f %%) | %.1f | %s | %s |%n", name, environmentLabel(),
                    NativeAllocator.tune().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    median(pureUserMs), median(pureSysMs), 100 * pureSysShare, median(pure), median(endToEndUserMs),
                    median(endToEndSysMs), 100 * endToEndSysShare, median(endToEnd[0]), authors.asUsersRunIt(),
                    authors.withOurSetting());
            for (int m = 0; m < MODES.length; m++) {
                System.out.printf(java.util.Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2f | %.2f | %.1f + %.1f | %.2f | %s |%n",
                        name, MODES[m], median(pure), median(endToEnd[m]), median(ratio[m]), median(cpuRatio[m]),
                        readMs[m], tensorMs[m], ceiling[m],
                        authors.best > 0 ? String.format(java.util.Locale.ROOT, "%.1f (%.2f×)", authors.best,
                                median(endToEnd[m]) / authors.best) : "n/a");
            }
        }
        System.out.println("JVM peak RSS (VmHWM): " + peakRss());
    }

    /** Runs {@code work} with {@code -Dnero.decode=mode}, restoring the setting afterwards. */
    private static <T> T withDecoding(String mode, java.util.concurrent.Callable<T> work) throws Exception {
        String before = System.getProperty(nero.io.image.ModelInput.MODE_PROPERTY);
        System.setProperty(nero.io.image.ModelInput.MODE_PROPERTY, mode);
        try {
            return work.call();
        } finally {
            if (before == null) {
                System.clearProperty(nero.io.image.ModelInput.MODE_PROPERTY);
            } else {
                System.setProperty(nero.io.image.ModelInput.MODE_PROPERTY, before);
            }
        }
    }

    /**
     * CPU time of the whole JVM, split into user and kernel (sys) time where /proc tells it, and garbage-collector
     * pause time, per image.
     */
    private static final class CpuClock {
        private final long process0 = processCpuNanos();
        private final long gc0 = gcMillis();
        private final long[] ticks0 = userSysTicks();
        double processMs;
        double userMs = Double.NaN;
        double sysMs = Double.NaN;
        double gcMs;

        void stop(int images) {
            processMs = (processCpuNanos() - process0) / 1e6 / images;
            gcMs = (gcMillis() - gc0) / (double) images;
            long[] ticks = userSysTicks();
            if (ticks != null && ticks0 != null) {
                userMs = (ticks[0] - ticks0[0]) * MS_PER_TICK / images;
                sysMs = (ticks[1] - ticks0[1]) * MS_PER_TICK / images;
            }
        }

        /** Linux's USER_HZ, the unit of /proc/PID/stat's times, is 100 on every architecture. */
        private static final double MS_PER_TICK = 10;

        /** utime and stime of this process (fields 14 and 15 of /proc/self/stat), or null off Linux. */
        private static long[] userSysTicks() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        private static long processCpuNanos() {
            return ((OperatingSystemMXBean) ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        private static long gcMillis() {
            long sum = 0;
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                sum += Math.max(0, gc.getCollectionTime());
            }
            return sum;
        }
    }

    /**
     * Where the CPU goes besides inference, one thread, warm: reading a file into exact pixels (JPEG decode) and
     * resize + normalise. With every core busy, end-to-end ÷ pure can be at most pure CPU ÷ (pure CPU + these).
     */
    private static double[] printCeiling(Preprocessor pre, double pureCpuMs, Classifier c) {
        long readNanos = 0;
        long tensorNanos = 0;
        int images = 0;
        int w = c.info().preprocessing().width();
        int h = c.info().preprocessing().height();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        try (ImageSource source = ImageSources.open(IMAGES)) {
            for (SourceItem item : source) {
                long t0 = threads.getCurrentThreadCpuTime();
                ij.ImagePlus imp = item.readForModel(w, h);
                long t1 = threads.getCurrentThreadCpuTime();
                pre.toTensor(imp);
                tensorNanos += threads.getCurrentThreadCpuTime() - t1;
                readNanos += t1 - t0;
                images++;
            }
        }
        double readMs = readNanos / 1e6 / images;
        double tensorMs = tensorNanos / 1e6 / images;
        System.out.printf("%s decoding, CPU per image besides inference (thread CPU time, warm): read file → pixels %.1f"
                + " ms, resize + normalise %.1f ms; ceiling on saturated cores: pure %.1f / (pure + both) = %.2f; with a "
                + "free resize %.2f; 0.85 needs both under %.1f ms%n", nero.io.image.ModelInput.exact() ? "exact" : "reduced",
                readMs, tensorMs, pureCpuMs, pureCpuMs / (pureCpuMs + readMs + tensorMs), pureCpuMs / (pureCpuMs + readMs),
                pureCpuMs / 0.85 - pureCpuMs);
        return new double[] {readMs, tensorMs};
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static int autoBatch(Classifier c) {
        var p = c.info().preprocessing();
        return (long) p.width() * p.height() <= 64 * 64 ? 32 : 8;
    }

    private static String summary(double[] values, String format) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(format + " (" + format + "–" + format + ")", median(values), sorted[0],
                sorted[sorted.length - 1]);
    }

    /** Threads for pure inference, kept across rounds (new native threads would each grow malloc arenas). */
    private static final ExecutorService PURE_POOL = Executors.newFixedThreadPool(
            Engine.inferenceWorkers(), r -> {
                Thread t = new Thread(r, "pure-inference");
                t.setDaemon(true);
                return t;
            });

    /** The same batches on tensors prepared in advance, run by as many concurrent callers as the pipeline uses. */
    static double pureInference(Classifier c, List<float[]> tensors, int batch) throws Exception {
        ExecutorService pool = PURE_POOL;
        {
            long start = System.nanoTime();
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < tensors.size(); i += batch) {
                int first = i;
                int n = Math.min(batch, tensors.size() - i);
                runs.add(pool.submit(() -> {
                    Preprocessing p = c.info().preprocessing();
                    c.run(InputBatch.padded(tensors.subList(first, first + n), n, p.height(), p.width()), false);
                }));
            }
            for (var run : runs) {
                run.get();
            }
            return tensors.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** The production path: folder → ImageSources → FeatureExtractor → FeatureSet. */
    static double endToEnd(FeatureExtractor extractor, int expected) {
        long start = System.nanoTime();
        Extraction e;
        try (ImageSource source = ImageSources.open(IMAGES)) {
            e = extractor.extract(source, ProgressListener.NONE);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!e.skipped().isEmpty() || e.features().size() != expected) {
            throw new IllegalStateException("expected " + expected + " images, got " + e.features().size()
                    + ", skipped " + e.skipped());
        }
        return e.features().size() / seconds;
    }

    /** ImageFolder layout target/bench/images/class{0,1}/NNNN-name.jpg: links to (or copies of) the Kvasir frames. */
    static void prepareImages(int count) throws IOException {
        List<Path> jpegs = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(BASE.resolve("../shared/data/kvasir-frames").normalize(),
                "*.jpg")) {
            dir.forEach(jpegs::add);
        }
        jpegs.sort(null);
        if (Files.exists(IMAGES)) {
            try (var walk = Files.walk(IMAGES)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        for (int i = 0; i < count; i++) {
            Path dir = Files.createDirectories(IMAGES.resolve("class" + (i % 2)));
            Path source = jpegs.get(i % jpegs.size());
            Path copy = dir.resolve(String.format("%04d-%s", i, source.getFileName()));
            try {
                Files.createSymbolicLink(copy, source);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(source, copy);
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String peakRss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return line.substring(6).trim();
            }
        }
        return "unknown";
    }

    /** The authors' pipeline's figures: its best img/s (−1 when not run) and CPU per image, as users run it and with ours. */
    record AuthorsRun(double best, String asUsersRunIt, String withOurSetting) {
        static final AuthorsRun NOT_RUN = new AuthorsRun(-1, "n/a", "n/a");
    }

    /** What the sys-row's "environment" column says: the MALLOC_ variables the JVM was started with, if any. */
    private static String environmentLabel() {
        StringBuilder label = new StringBuilder();
        System.getenv().entrySet().stream().filter(e -> e.getKey().startsWith("MALLOC_")).sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> label.append(label.length() > 0 ? " " : "").append('`').append(e.getKey()).append('=')
                        .append(e.getValue()).append('`'));
        return label.length() > 0 ? label.toString() : "as users run it";
    }

    /**
     * The authors' pipeline on the same files and model with torch's default threads and with 2, in this JVM's
     * environment (as users run it); then the better of the two again with our malloc setting as glibc's
     * environment variables ({@link NativeAllocator#environment()}), to show what the setting does for PyTorch.
     */
    static AuthorsRun authorsPipeline(int batch, Path modelFile) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python) || run(List.of(python.toString(), "-c", "import torch, torchvision")) != 0) {
            System.out.println("authors' pipeline: skipped (/usr/bin/python3 has no torch)");
            return AuthorsRun.NOT_RUN;
        }
        double best = -1;
        String bestThreads = "0";
        String bestCpu = "n/a";
        for (String threads : new String[] {"0", "2"}) {
            String out = authorsRun(python, modelFile, batch, threads, java.util.Map.of());
            System.out.println("authors' pipeline (ImageFolder + DataLoader, 1 worker, torch "
                    + (threads.equals("0") ? "default threads" : "set_num_threads(2)") + "): " + out);
            double rate = figure(out, "img/s");
            if (rate > best) {
                best = rate;
                bestThreads = threads;
                bestCpu = cpuCell(out);
            }
        }
        String withOurs = "n/a";
        if (best > 0) {
            String out = authorsRun(python, modelFile, batch, bestThreads, NativeAllocator.environment());
            System.out.println("authors' pipeline, same threads, with " + NativeAllocator.environment() + ": " + out);
            withOurs = cpuCell(out);
        }
        return new AuthorsRun(best, bestCpu, withOurs);
    }

    private static String authorsRun(Path python, Path modelFile, int batch, String threads,
            java.util.Map<String, String> environment) throws Exception {
        String script = BASE.resolve("src/test/resources/model/authors_pipeline.py").toString();
        ProcessBuilder builder = new ProcessBuilder(python.toString(), script, modelFile.toString(), IMAGES.toString(),
                Integer.toString(batch), threads).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        p.waitFor(10, TimeUnit.MINUTES);
        return out;
    }

    /** "user + sys (sys ÷ user), img/s" from the script's output line. */
    private static String cpuCell(String out) {
        double user = figure(out, "user_ms");
        double sys = figure(out, "sys_ms");
        return user > 0 ? String.format(java.util.Locale.ROOT, "%.1f + %.1f (%.0f %%), %.1f img/s", user, sys,
                100 * sys / user, figure(out, "img/s")) : "n/a";
    }

    private static double figure(String out, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(key) + " ([0-9.]+)")
                .matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
