package nero.model.bench;

import ij.IJ;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nero.core.ProgressListener;
import nero.model.Classifier;
import nero.model.Extraction;
import nero.model.ExtractionOptions;
import nero.model.FeatureExtractor;
import nero.model.FileListSource;
import nero.model.Preprocessor;

/**
 * Pure inference vs end-to-end (JPEG files → FeatureSet) on the same images and the same ResNet-18 file, plus the
 * authors' PyTorch pipeline style when /usr/bin/python3 has torch. Not a unit test: prints figures.
 *
 * <pre>
 * /usr/bin/python3 tools/make_model_fixtures.py --resnet18 target/bench/resnet18-nero.pt
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) nero.model.bench.ThroughputBenchmark [images] [batch]
 * </pre>
 */
public final class ThroughputBenchmark {
    private static final int ROUNDS = 3;
    private static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path MODEL = BASE.resolve("target/bench/resnet18-nero.pt");
    private static final Path IMAGES = BASE.resolve("target/bench/images");

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 160;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        if (!Files.exists(MODEL)) {
            run(List.of("/usr/bin/python3", BASE.resolve("tools/make_model_fixtures.py").toString(), "--resnet18",
                    MODEL.toString()));
        }
        List<FileListSource.Entry> files = prepareImages(count);
        System.out.printf("images: %d JPEGs (the 4 Kvasir frames repeated, 720×576 to 1920×1072), batch %d, "
                + "%d cores%n", files.size(), batch, Runtime.getRuntime().availableProcessors());
        try (Classifier c = Classifier.load(MODEL)) {
            Preprocessor pre = new Preprocessor(c.info().preprocessing());
            List<float[]> tensors = new ArrayList<>();
            for (FileListSource.Entry f : files) {
                tensors.add(pre.toTensor(IJ.openImage(f.file().toString())));
            }
            pureInference(c, tensors, batch); // warm-up
            FileListSource source = new FileListSource(files, List.of("class0", "class1"));
            FeatureExtractor extractor = new FeatureExtractor(c, new ExtractionOptions(batch, 0, false, false));
            System.out.printf("libtorch intra-op threads %s, decode threads %d%n",
                    System.getProperty("ai.djl.pytorch.num_threads"), new ExtractionOptions(0, 0, false, false).decodeThreadsUsed());
            // warm up the decode path (JIT) on the first images
            endToEnd(extractor, new FileListSource(files.subList(0, Math.min(32, files.size())), List.of("class0", "class1")));
            double[] pure = new double[ROUNDS];
            double[] endToEnd = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                pure[round] = pureInference(c, tensors, batch);
                endToEnd[round] = endToEnd(extractor, source);
                System.out.printf("round %d: pure inference %.1f img/s, end-to-end %.1f img/s, ratio %.2f%n",
                        round + 1, pure[round], endToEnd[round], endToEnd[round] / pure[round]);
            }
            double p = java.util.Arrays.stream(pure).average().orElse(0);
            double e = java.util.Arrays.stream(endToEnd).average().orElse(0);
            double[] ratios = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                ratios[i] = endToEnd[i] / pure[i];
            }
            java.util.Arrays.sort(ratios);
            System.out.printf("mean: pure inference %.1f img/s, end-to-end %.1f img/s, ratio of means %.2f, best round "
                    + "%.2f, median round %.2f (target ≥ 0.85)%n", p, e, e / p, ratios[ROUNDS - 1], ratios[ROUNDS / 2]);
        }
        System.out.println("JVM peak RSS (VmHWM): " + peakRss());
        authorsPipeline(batch);
    }

    private static double pureInference(Classifier c, List<float[]> tensors, int batch) {
        int sample = tensors.get(0).length;
        long start = System.nanoTime();
        for (int i = 0; i < tensors.size(); i += batch) {
            int n = Math.min(batch, tensors.size() - i);
            float[] nchw = new float[n * sample];
            for (int j = 0; j < n; j++) {
                System.arraycopy(tensors.get(i + j), 0, nchw, j * sample, sample);
            }
            c.run(nchw, n, false);
        }
        return tensors.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static double endToEnd(FeatureExtractor extractor, FileListSource source) {
        long start = System.nanoTime();
        Extraction e = extractor.extract(source, ProgressListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!e.skipped().isEmpty()) {
            throw new IllegalStateException("skipped " + e.skipped());
        }
        return e.features().size() / seconds;
    }

    /** ImageFolder layout target/bench/images/class{0,1}/NNN-name.jpg: copies of the Kvasir frames. */
    private static List<FileListSource.Entry> prepareImages(int count) throws IOException {
        List<Path> jpegs = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(BASE.resolve("../shared/data/kvasir-frames").normalize(),
                "*.jpg")) {
            dir.forEach(jpegs::add);
        }
        jpegs.sort(null);
        if (Files.exists(IMAGES)) {
            try (var walk = Files.walk(IMAGES)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        List<FileListSource.Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String label = "class" + (i % 2);
            Path dir = Files.createDirectories(IMAGES.resolve(label));
            Path source = jpegs.get(i % jpegs.size());
            Path copy = dir.resolve(String.format("%04d-%s", i, source.getFileName()));
            Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            entries.add(new FileListSource.Entry(copy, label));
        }
        entries.sort((a, b) -> a.file().compareTo(b.file()));
        return entries;
    }

    private static String peakRss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return line.substring(6).trim();
            }
        }
        return "unknown";
    }

    private static void authorsPipeline(int batch) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python) || run(List.of(python.toString(), "-c", "import torch, torchvision")) != 0) {
            System.out.println("authors' pipeline: skipped (/usr/bin/python3 has no torch)");
            return;
        }
        String script = BASE.resolve("src/test/resources/model/authors_pipeline.py").toString();
        for (String threads : new String[] {"0", "2"}) {
            System.out.print("authors' pipeline (ImageFolder + DataLoader, 1 worker, torch "
                    + (threads.equals("0") ? "default threads" : "set_num_threads(2)") + "): ");
            System.out.flush();
            run(List.of(python.toString(), script, MODEL.toString(), IMAGES.toString(), Integer.toString(batch), threads));
        }
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
