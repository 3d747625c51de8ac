package nero.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import nero.core.InvalidInputException;
import nero.io.LibraryLogs;

/**
 * Starts DJL's PyTorch engine offline, once per JVM. The bundled natives are extracted on the first start
 * (≈430 MB, a few seconds) to {@code $DJL_CACHE_DIR} and reused afterwards.
 */
public final class Engine {
    private static final String ENGINE_NAME = "PyTorch";
    private static volatile boolean started;

    private Engine() {
    }

    /** Idempotent and thread-safe; throws {@link InvalidInputException} when the engine cannot start here. */
    public static void ensureStarted() {
        if (started) {
            return;
        }
        synchronized (Engine.class) {
            if (started) {
                return;
            }
            // Must be set before the first DJL class loads: no downloads, no telemetry probe.
            if (System.getProperty("ai.djl.offline") == null) {
                System.setProperty("ai.djl.offline", "true");
            }
            LibraryLogs.quietDjl();
            prepareProcess();
            Path cacheDir = chooseCacheDir();
            refuseForeignLibtorch(cacheDir);
            try {
                withContextClassLoader(() -> ai.djl.engine.Engine.getEngine(ENGINE_NAME));
            } catch (RuntimeException | LinkageError e) {
                throw new InvalidInputException("the PyTorch engine could not start (cache dir " + cacheDir
                        + "): " + e.getMessage(), e);
            }
            // Before the first convolution: where NNPACK cannot start (some CPUs, VMs that hide cache sizes) its
            // probe prints "Could not initialize NNPACK! Reason: Unsupported hardware" on stderr. No result changes.
            try {
                LibtorchNative.disableNnpack();
            } catch (LinkageError e) {
                // no JNA on the class path: NNPACK stays on, which only costs the console lines
            }
            started = true;
        }
    }

    /** Before libtorch allocates its first activation: see {@link NativeAllocator}. */
    private static void tuneAllocator() {
        try {
            NativeAllocator.tune();
        } catch (LinkageError e) {
            // no JNA on the class path: glibc keeps its defaults, which only costs system time
        }
    }

    /**
     * What every inference engine needs set before its first model, libtorch's and ONNX Runtime's alike (an
     * ONNX-only run never starts libtorch: no 430 MB extraction, no second native runtime): the thread settings.
     * Idempotent.
     */
    static synchronized void prepareProcess() {
        tuneAllocator();
        chooseThreads();
    }

    /**
     * libtorch intra-op threads: half the cores (at least 1), unless the user set
     * {@code -Dai.djl.pytorch.num_threads}. The other half decodes images in parallel. Measured on the 2-core
     * build machine with other jobs running: ResNet-18 gave 42 img/s with 1 thread but 4–8 img/s with 2, because
     * OpenMP threads spin-wait against each other when the CPU is oversubscribed.
     */
    static int inferenceThreads() {
        String configured = System.getProperty("ai.djl.pytorch.num_threads");
        if (configured != null) {
            try {
                return Math.max(1, Integer.parseInt(configured.trim()));
            } catch (NumberFormatException e) {
                return 1;
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * Batches run concurrently by the feature pipeline. With one intra-op thread (2–3 cores), two single-threaded
     * inference calls use both cores without OpenMP's spin-waiting: on the 2-core machine, pure ResNet-18 inference
     * gave 42 img/s from one such call and 80 img/s from two concurrent ones or from one call with 2 threads, but
     * 2 OpenMP threads collapse when the CPU is oversubscribed (the decode thread, other processes). With more
     * cores, one call with several intra-op threads.
     */
    public static int inferenceWorkers() {
        return inferenceThreads() == 1 && Runtime.getRuntime().availableProcessors() >= 2 ? 2 : 1;
    }

    private static void chooseThreads() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(inferenceThreads()));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    /** Runs DJL code with this plugin's class loader as the thread context loader (Fiji's TCCL may not see DJL). */
    static <T> T withContextClassLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Engine.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The DJL cache root; when neither it nor a writable HOME is set, falls back to a temp folder explicitly. */
    static Path chooseCacheDir() {
        String configured = setting("DJL_CACHE_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path home = Path.of(System.getProperty("user.home", "."));
        if (Files.isDirectory(home) && Files.isWritable(home)) {
            return home.resolve(".djl.ai");
        }
        Path fallback = Path.of(System.getProperty("java.io.tmpdir"), ".djl.ai");
        System.setProperty("DJL_CACHE_DIR", fallback.toString());
        return fallback;
    }

    private static String setting(String name) {
        String env = System.getenv(name);
        return env != null ? env : System.getProperty(name);
    }

    /**
     * Two libtorch copies in one process crash or corrupt each other (e.g. deepImageJ/JDLL loaded its own).
     * Refuse before DJL loads ours.
     */
    private static void refuseForeignLibtorch(Path cacheDir) {
        String foreign = foreignLibtorch(readMaps(), cacheDir, setting("PYTORCH_LIBRARY_PATH"));
        if (foreign != null) {
            throw new InvalidInputException("another PyTorch library is already loaded in this Java process ("
                    + foreign + "), probably by another plugin such as deepImageJ. Two copies cannot run "
                    + "together: restart Fiji and run NERO before using the other plugin.");
        }
    }

    private static List<String> readMaps() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException | RuntimeException e) {
            return List.of(); // not Linux: nothing to check
        }
    }

    /** The first mapped libtorch*.so outside DJL's cache (and outside PYTORCH_LIBRARY_PATH), else null. */
    static String foreignLibtorch(List<String> mapsLines, Path cacheDir, String libraryPath) {
        String ours = cacheDir.toAbsolutePath().normalize().toString();
        for (String line : mapsLines) {
            int slash = line.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String path = line.substring(slash).trim();
            String file = path.substring(path.lastIndexOf('/') + 1);
            if (!file.startsWith("libtorch") || !file.contains(".so")) {
                continue;
            }
            boolean underCache = path.startsWith(ours + "/");
            boolean underLibraryPath = libraryPath != null && !libraryPath.isBlank() && path.startsWith(libraryPath);
            if (!underCache && !underLibraryPath) {
                return path;
            }
        }
        return null;
    }
}
