package nero.model;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import nero.core.Preprocessing;
import nero.core.ProgressListener;
import nero.core.methods.Odin;
import nero.io.ImageSource;
import nero.io.SkippedItem;
import nero.io.SourceItem;

/**
 * The throughput pipeline: decode + preprocess on worker threads, a bounded number of batches ahead, while
 * {@link Engine#inferenceWorkers()} threads run batched inference (results are gathered in source order). Memory
 * is bounded by {@value #BATCHES_AHEAD} batches of tensors ahead plus one per inference worker, plus the result rows
 * (D + C floats per image). Cancellable between batches through the {@link ProgressListener}.
 *
 * <p>Every inference call has the full batch shape: a short batch (the last one, or one with unreadable files) is
 * padded with blank images whose outputs are dropped. libtorch picks its kernels by batch size, and a batch of one
 * gave features 2e-6 (tiny CNN) to 4e-4 (MobileNetV2, 2 threads) apart from the same image in a batch of eight,
 * while at one shape an image's outputs did not depend on its position or companions. So an image scores the same
 * bits wherever a source (or a Spark partition) happens to end.
 *
 * <p>With the automatic decode thread count ({@link ExtractionOptions#decodeThreads()} 0) decoding starts on the
 * cores libtorch leaves free and grows, one thread at a time up to the cores (at most 4), while decoding is the
 * stage that limits the pipeline in CPU per image ({@link DecodeThreads}). A light network (MobileNetV2 in int8:
 * 5 ms of CPU per image against 10–11 ms of JPEG decoding and resizing) would otherwise leave a core to one decode
 * thread; with a heavy one (ResNet-18 in float32, 40 ms) an extra decoder would only take CPU from inference.
 */
public final class FeatureExtractor {
    static final String STAGE = "Extracting features";
    private static final int BATCHES_AHEAD = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Classifier classifier;
    private final ExtractionOptions options;
    private final Preprocessor preprocessor;

    public FeatureExtractor(Classifier classifier, ExtractionOptions options) {
        this.classifier = classifier;
        this.options = options;
        this.preprocessor = new Preprocessor(classifier.info().preprocessing());
    }

    /** Sees each row as it is gathered, on the calling thread in source order: its item and model outputs. */
    public interface RowListener {
        void row(SourceItem item, float[] features, float[] logits);
    }

    public Extraction extract(ImageSource source, ProgressListener progress) {
        return extract(source, progress, (item, features, logits) -> {
        });
    }

    /**
     * The same, telling {@code rows} about every row kept (a caller that keeps a few items while the source streams
     * by: explain's most OOD images, without a second pass over a video).
     */
    public Extraction extract(ImageSource source, ProgressListener progress, RowListener rows) {
        int batchSize = options.resolvedBatchSize(classifier.info().preprocessing());
        Map<String, Integer> labelIndex = labelIndex(source.classNames());
        Results results = new Results(options.withOdin(), rows);
        int workers = options.resolvedInferenceWorkers();
        DecodeThreads decoders = new DecodeThreads(options.resolvedDecodeThreads(), options.decodeThreads() > 0
                ? options.resolvedDecodeThreads() : options.maxDecodeThreads(), Runtime.getRuntime().availableProcessors());
        ExecutorService inference = Executors.newFixedThreadPool(workers, daemonThreads("infer"));
        Deque<List<Future<Decoded>>> ahead = new ArrayDeque<>();
        Deque<Future<Inferred>> running = new ArrayDeque<>();
        long total = source.sizeHint();
        try {
            Iterator<SourceItem> items = source.iterator();
            progress.progress(STAGE, 0, total);
            while (true) {
                while (ahead.size() < BATCHES_AHEAD && items.hasNext()) {
                    ahead.add(submitBatch(items, batchSize, decoders));
                }
                // batches go to the inference workers in source order and come back in the same order
                while (running.size() < workers && !ahead.isEmpty()) {
                    List<Future<Decoded>> batch = ahead.poll();
                    decoders.maybeGrow();
                    running.add(inference.submit(() -> infer(await(batch), batchSize, decoders)));
                    while (ahead.size() < BATCHES_AHEAD && items.hasNext()) {
                        ahead.add(submitBatch(items, batchSize, decoders));
                    }
                }
                if (running.isEmpty()) {
                    break;
                }
                progress.checkCancelled();
                results.append(awaitOne(running.poll()), labelIndex);
                progress.progress(STAGE, results.processed, total);
            }
        } finally {
            running.forEach(f -> f.cancel(true));
            for (List<Future<Decoded>> pending : ahead) {
                pending.forEach(f -> f.cancel(true));
            }
            inference.shutdownNow();
            decoders.pool.shutdownNow();
            NativeAllocator.releaseFreeMemory();
        }
        return results.toExtraction();
    }

    /**
     * The decode threads, grown one at a time (never beyond {@code max}) while decoding is the stage that holds the
     * pipeline up in CPU terms. With k decode threads, images flow at most at k / decode CPU per image, and with
     * every core busy at cores / (decode + inference CPU per image); a thread is added while the first is clearly
     * the smaller, i.e. (decode + inference) · k < 0.95 · cores · decode. Thread CPU time, unlike wall time, hardly
     * depends on what else the machine runs, so other processes do not make the pipeline grow.
     */
    static final class DecodeThreads {
        /** Images decoded and inferred before the first decision. */
        static final int MIN_IMAGES = 16;
        final ThreadPoolExecutor pool;
        private final int max;
        private final int cores;
        private final LongAdder decodeNanos = new LongAdder();
        private final LongAdder decoded = new LongAdder();
        private final LongAdder inferenceNanos = new LongAdder();
        private final LongAdder inferred = new LongAdder();

        DecodeThreads(int threads, int max, int cores) {
            this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    daemonThreads("decode"));
            this.max = Math.max(threads, max);
            this.cores = cores;
        }

        /** A decode thread's CPU time for one image. */
        void decodedOne(long cpuNanos) {
            decodeNanos.add(cpuNanos);
            decoded.increment();
        }

        /** An inference worker's CPU time for a batch of {@code images}. */
        void inferredBatch(long cpuNanos, int images) {
            inferenceNanos.add(cpuNanos);
            inferred.add(images);
        }

        /** Called by the gathering thread as batches are handed to inference: one more decode thread if it pays. */
        void maybeGrow() {
            int threads = pool.getCorePoolSize();
            if (threads >= max || decoded.sum() < MIN_IMAGES || inferred.sum() < MIN_IMAGES) {
                return;
            }
            double decode = decodeNanos.doubleValue() / decoded.sum();
            double inference = inferenceNanos.doubleValue() / inferred.sum();
            if ((decode + inference) * threads < 0.95 * cores * decode) {
                pool.setMaximumPoolSize(threads + 1);
                pool.setCorePoolSize(threads + 1); // starts a thread for the queued decoding at once
            }
        }

        <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
            return pool.submit(task);
        }

        int threads() {
            return pool.getCorePoolSize();
        }
    }

    /** One decoded item: its tensor, or why it was skipped. */
    private record Decoded(SourceItem item, float[] tensor, String problem) {
    }

    private List<Future<Decoded>> submitBatch(Iterator<SourceItem> items, int batchSize, DecodeThreads decoders) {
        List<Future<Decoded>> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && items.hasNext()) {
            SourceItem item = items.next();
            batch.add(decoders.submit(() -> {
                long start = THREADS.getCurrentThreadCpuTime();
                Decoded d = decode(item);
                decoders.decodedOne(THREADS.getCurrentThreadCpuTime() - start);
                return d;
            }));
        }
        return batch;
    }

    private Decoded decode(SourceItem item) {
        try {
            ij.ImagePlus imp = item.readForModel(preprocessor.preprocessing().width(),
                    preprocessor.preprocessing().height(), options.decodeMode());
            if (imp == null) {
                return new Decoded(item, null, "could not be decoded as an image");
            }
            return new Decoded(item, preprocessor.toTensor(imp), null);
        } catch (InvalidInputException e) {
            return new Decoded(item, null, e.getMessage());
        }
    }

    private static List<Decoded> await(List<Future<Decoded>> futures) {
        List<Decoded> decoded = new ArrayList<>(futures.size());
        for (Future<Decoded> f : futures) {
            decoded.add(awaitOne(f));
        }
        return decoded;
    }

    private static <T> T awaitOne(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProgressListener.CancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** One batch after inference: its items in order, the model outputs for the decodable ones, ODIN logits. */
    private record Inferred(List<Decoded> batch, List<Decoded> good, ModelOutputs outputs, float[][] odin) {
    }

    /**
     * Runs on an inference worker: the model on the batch's decodable items (and ODIN when asked for), padded with
     * blank images to {@code shape} rows.
     */
    private Inferred infer(List<Decoded> batch, int shape, DecodeThreads decoders) {
        long start = THREADS.getCurrentThreadCpuTime();
        Inferred result = infer(batch, shape);
        if (result.outputs() != null) {
            decoders.inferredBatch(THREADS.getCurrentThreadCpuTime() - start, result.good().size());
        }
        return result;
    }

    private Inferred infer(List<Decoded> batch, int shape) {
        List<Decoded> good = new ArrayList<>(batch.size());
        for (Decoded d : batch) {
            if (d.tensor != null) {
                good.add(d);
            }
        }
        if (good.isEmpty()) {
            return new Inferred(batch, good, null, null);
        }
        int n = good.size();
        List<float[]> tensors = good.stream().map(Decoded::tensor).toList();
        Preprocessing p = preprocessor.preprocessing();
        InputBatch input = InputBatch.padded(tensors, shape, p.height(), p.width()); // rows n… stay blank
        ModelOutputs out = classifier.run(input, options.withFeatureMap());
        float[][] odin = null;
        if (options.withOdin()) {
            float[][] inputs = new float[input.n()][];
            for (int i = 0; i < input.n(); i++) {
                inputs[i] = i < n ? tensors.get(i) : new float[input.sampleSize()];
            }
            odin = Arrays.copyOf(odinLogits(inputs, out.logits()), n);
        }
        return new Inferred(batch, good, firstRows(out, n), odin);
    }

    /** The outputs of the first {@code n} rows of a padded batch. */
    private static ModelOutputs firstRows(ModelOutputs out, int n) {
        if (out.n() == n) {
            return out;
        }
        float[] maps = out.featureMap() == null ? null
                : Arrays.copyOf(out.featureMap(), out.featureMap().length / out.n() * n);
        return new ModelOutputs(n, Arrays.copyOf(out.logits(), n), Arrays.copyOf(out.features(), n), maps,
                out.mapHeight(), out.mapWidth());
    }

    /** ODIN (Liang et al., ICLR 2018) perturbation with the reference's T and ε, reusing the batch's logits. */
    private float[][] odinLogits(float[][] inputs, float[][] logits) {
        return Odin.perturbedLogits(classifier.inputGradients().orElseThrow(), inputs, logits, ExtractionOptions.ODIN_TEMPERATURE,
                ExtractionOptions.ODIN_EPSILON);
    }

    private static Map<String, Integer> labelIndex(List<String> classNames) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            index.put(classNames.get(i), i);
        }
        return index;
    }

    private static ThreadFactory daemonThreads(String role) {
        AtomicInteger count = new AtomicInteger();
        ClassLoader loader = FeatureExtractor.class.getClassLoader();
        return runnable -> {
            Thread t = new Thread(runnable, "nero-" + role + "-" + count.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        };
    }

    /** Rows gathered on the calling thread, batch by batch in source order. */
    private static final class Results {
        final List<String> ids = new ArrayList<>();
        final List<Integer> labels = new ArrayList<>();
        final List<float[]> features = new ArrayList<>();
        final List<float[]> logits = new ArrayList<>();
        final List<float[]> odin;
        final List<SkippedItem> skipped = new ArrayList<>();
        final RowListener listener;
        long processed;
        float[] maps;
        int mapsUsed;
        int mapHeight;
        int mapWidth;

        Results(boolean withOdin, RowListener listener) {
            odin = withOdin ? new ArrayList<>() : null;
            this.listener = listener;
        }

        void append(Inferred batch, Map<String, Integer> labelIndex) {
            for (Decoded d : batch.batch()) {
                processed++;
                if (d.tensor == null) {
                    skipped.add(new SkippedItem(d.item.id(), d.problem));
                }
            }
            ModelOutputs out = batch.outputs();
            if (out == null) {
                return;
            }
            int n = batch.good().size();
            int mapSize = out.featureMap() == null ? 0 : out.featureMap().length / n;
            for (int i = 0; i < n; i++) {
                SourceItem item = batch.good().get(i).item;
                String problem = NonFiniteOutputs.problem(out.features()[i], out.logits()[i],
                        batch.odin() == null ? null : batch.odin()[i]);
                if (problem != null) {
                    skipped.add(new SkippedItem(item.id(), problem)); // one image's NaN never stops the batch
                    continue;
                }
                ids.add(item.id());
                labels.add(item.label() == null ? -1 : labelIndex.getOrDefault(item.label(), -1));
                features.add(out.features()[i]);
                logits.add(out.logits()[i]);
                if (out.featureMap() != null) {
                    appendMap(out.featureMap(), i * mapSize, mapSize, out.mapHeight(), out.mapWidth());
                }
                if (odin != null) {
                    odin.add(batch.odin()[i]);
                }
                listener.row(item, out.features()[i], out.logits()[i]);
            }
        }

        void appendMap(float[] batchMaps, int from, int length, int h, int w) {
            if (maps == null) {
                maps = new float[length * 64];
            } else if (mapsUsed + length > maps.length) {
                maps = Arrays.copyOf(maps, Math.max(maps.length * 2, mapsUsed + length));
            }
            System.arraycopy(batchMaps, from, maps, mapsUsed, length);
            mapsUsed += length;
            mapHeight = h;
            mapWidth = w;
        }

        Extraction toExtraction() {
            int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
            FeatureSet set = new FeatureSet(ids.toArray(String[]::new), features.toArray(float[][]::new),
                    logits.toArray(float[][]::new), labelArray);
            if (odin != null) {
                set.withExtra(FeatureSet.ODIN_LOGITS, odin.toArray(float[][]::new));
            }
            float[] allMaps = maps == null ? null : Arrays.copyOf(maps, mapsUsed);
            return new Extraction(set, skipped, allMaps, mapHeight, mapWidth);
        }
    }
}
