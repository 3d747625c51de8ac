package nero.app.bench;

import ij.ImagePlus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nero.core.InvalidInputException;
import nero.core.Preprocessing;
import nero.core.ProgressListener;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.source.ImageFolderSource;
import nero.io.source.ImageSources;
import nero.model.Classifier;
import nero.model.InputBatch;
import nero.model.Engine;
import nero.model.Extraction;
import nero.model.ExtractionOptions;
import nero.model.FeatureExtractor;
import nero.model.Preprocessor;

/**
 * Pure inference vs in-process end-to-end extraction of one model on one ImageFolder tree, in the same JVM:
 * <ul>
 *   <li>pure: {@link Classifier#run} on tensors decoded and preprocessed in advance, in batches of the
 *       pipeline's size, features only (what {@code score} and {@code fit} need);</li>
 *   <li>end-to-end: {@link FeatureExtractor} with the defaults the commands use (files on disk → features);</li>
 * </ul>
 * both after a short warm-up, best of {@code rounds} (alternating, so that a change in the machine's other load
 * hits both alike). Prints one {@code key=value} line per figure so that
 * tools/make_benchmarks.sh can pick them up.
 *
 * <pre>
 * java -cp target/NERO_OOD-0.1.0.jar:$(cat target/classpath.txt) -Djava.awt.headless=true -Dai.djl.offline=true \
 *     nero.app.bench.InferenceBenchmark MODEL.pt IMAGE_FOLDER_TREE [rounds]
 * </pre>
 */
public final class InferenceBenchmark {
    private static final int PIPELINE_BATCH = 8; // FeatureExtractor's automatic batch for inputs above 64×64

    private InferenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new InvalidInputException("usage: InferenceBenchmark MODEL.pt IMAGE_FOLDER_TREE [rounds]");
        }
        Path model = Path.of(args[0]);
        Path images = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Engine.ensureStarted();
        long t0 = System.nanoTime();
        try (Classifier classifier = Classifier.load(model)) {
            print("model_load_s", (System.nanoTime() - t0) / 1e9);
            List<float[]> tensors = tensors(classifier, images);
            print("images", tensors.size());
            print("batch", PIPELINE_BATCH);
            pure(classifier, tensors.subList(0, Math.min(4 * PIPELINE_BATCH, tensors.size()))); // warm-up
            FeatureExtractor extractor = new FeatureExtractor(classifier, ExtractionOptions.defaults());
            double bestPure = 0;
            double bestEndToEnd = 0;
            for (int r = 0; r < rounds; r++) {
                bestPure = Math.max(bestPure, pure(classifier, tensors));
                bestEndToEnd = Math.max(bestEndToEnd, endToEnd(extractor, images));
            }
            print("pure_img_per_s", bestPure);
            print("e2e_inprocess_img_per_s", bestEndToEnd);
            print("e2e_inprocess_ratio", bestEndToEnd / bestPure);
        }
        System.out.println("peak_rss_kb=" + peakRssKb());
    }

    private static List<float[]> tensors(Classifier classifier, Path root) throws IOException {
        Preprocessor pre = new Preprocessor(classifier.info().preprocessing());
        List<float[]> out = new ArrayList<>();
        long decodeNanos = 0;
        long preprocessNanos = 0;
        // the production reader, as the end-to-end path uses it (the model's pixels: JPEGs at reduced size by default)
        int width = classifier.info().preprocessing().width();
        int height = classifier.info().preprocessing().height();
        try (ImageSource source = ImageSources.open(root)) {
            for (SourceItem item : source) {
                long a = System.nanoTime();
                ImagePlus image = item.readForModel(width, height);
                long b = System.nanoTime();
                out.add(pre.toTensor(image));
                decodeNanos += b - a;
                preprocessNanos += System.nanoTime() - b;
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("no images under " + root);
        }
        // one thread, first pass (JIT still warming up): what each image costs before inference
        print("decode_ms_per_image", decodeNanos / 1e6 / out.size());
        print("preprocess_ms_per_image", preprocessNanos / 1e6 / out.size());
        return out;
    }

    /**
     * The same batches on tensors prepared in advance, run by as many concurrent callers as the pipeline's
     * inference workers ({@link nero.model.Engine#inferenceWorkers()}), so the baseline uses the cores the
     * pipeline may use.
     */
    private static double pure(Classifier classifier, List<float[]> tensors) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(
                Engine.inferenceWorkers(), r -> {
                    Thread t = new Thread(r, "pure-inference");
                    t.setDaemon(true);
                    return t;
                });
        try {
            long start = System.nanoTime();
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < tensors.size(); i += PIPELINE_BATCH) {
                int first = i;
                int n = Math.min(PIPELINE_BATCH, tensors.size() - i);
                runs.add(pool.submit(() -> {
                    Preprocessing p = classifier.info().preprocessing();
                    classifier.run(InputBatch.padded(tensors.subList(first, first + n), n, p.height(), p.width()), false);
                }));
            }
            for (var run : runs) {
                run.get();
            }
            return tensors.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double endToEnd(FeatureExtractor extractor, Path root) {
        long start = System.nanoTime();
        try (ImageFolderSource source = ImageSources.imageFolder(root)) {
            Extraction e = extractor.extract(source, ProgressListener.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!e.skipped().isEmpty()) {
                throw new InvalidInputException("unreadable images: " + e.skipped());
            }
            return e.features().size() / seconds;
        }
    }

    private static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static void print(String key, double value) {
        System.out.println(key + "=" + String.format(Locale.ROOT, value == Math.rint(value) ? "%.0f" : "%.3f", value));
    }
}
