package nero.model;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Keeps glibc's malloc from mapping and unmapping libtorch's activation buffers on every batch.
 *
 * <p>By default glibc serves a block of at least {@code M_MMAP_THRESHOLD} bytes with its own {@code mmap} and gives it
 * back with {@code munmap} when freed. The threshold starts at 128 KiB and rises with freed blocks, but never above
 * 32 MiB; MobileNetV2's largest activation at batch 8 is 38.5 MB (8 × 96 × 112 × 112 floats), so it is mapped,
 * page-faulted in and unmapped once per batch, and smaller blocks are given back when a thread's heap is trimmed or
 * deleted. Each fresh page costs a kernel fault: on some machines the process then spent as much system time as
 * user time (issue 25). The settings below make every block that fits in a thread's arena heap (glibc's
 * {@code HEAP_MAX_SIZE}, 64 MiB on 64-bit) come from the arenas, and keep freed memory there for the next batch:
 * <ul>
 * <li>{@code M_MMAP_THRESHOLD} 64 MiB (setting it also switches off glibc's dynamic threshold, which would not pass
 *     32 MiB anyway);</li>
 * <li>{@code M_TRIM_THRESHOLD} 2 GiB − 1 (the largest {@code mallopt} takes): the top of a heap is not given back;</li>
 * <li>{@code M_TOP_PAD} 64 MiB: a thread heap whose blocks are all free is kept rather than unmapped (glibc's
 *     {@code heap_trim} keeps a heap while the pad exceeds what it would free), and the main heap grows in 64 MiB
 *     steps.</li>
 * </ul>
 * The cost: each thread's arena keeps its peak of native memory while a run lasts (up to three 64 MiB heaps per
 * inference thread for MobileNetV2 at batch 8, whose 38.5 MB blocks each take a heap of their own), so {@link #releaseFreeMemory()}
 * gives the free part back when a feature-extraction run ends ({@code malloc_trim}, at most once in 10 s): without it
 * a long-lived JVM (Fiji, a Spark executor) whose new threads land on every one of glibc's arenas in turn would keep
 * that peak in each of them (2.3 GB instead of 1.2 GB peak RSS in the throughput benchmark).
 *
 * <p>Applied once, in-process, when the engine starts (so also in Fiji and Spark executors, whose launchers'
 * environments we do not control); it overrides {@code MALLOC_*_} environment variables set before. {@code -Dnero.malloc=default} leaves glibc as configured. Elsewhere (musl, macOS, Windows, no
 * JNA) nothing changes and nothing fails.
 */
public final class NativeAllocator {
    /** {@code -Dnero.malloc=default} (or {@code off}): leave the C allocator as the environment configured it. */
    public static final String PROPERTY = "nero.malloc";
    static final int M_TRIM_THRESHOLD = -1;
    static final int M_TOP_PAD = -2;
    static final int M_MMAP_THRESHOLD = -3;
    static final int MMAP_THRESHOLD_BYTES = 64 << 20;
    static final int TRIM_THRESHOLD_BYTES = Integer.MAX_VALUE;
    static final int TOP_PAD_BYTES = 64 << 20;

    /** What {@link #tune()} did. */
    public enum Outcome {
        TUNED, LEFT_AS_CONFIGURED, NOT_GLIBC, UNAVAILABLE, REFUSED
    }

    /** The two C functions this class needs; {@code glibcVersion} is null where the C library is not glibc. */
    interface CLibrary {
        String glibcVersion();

        boolean mallopt(int parameter, int value);

        /** {@code malloc_trim(0)}: free memory of every arena back to the system. */
        void trim();
    }

    /** What tuning did, in words, and the library to trim later (null unless tuned). */
    record Result(Outcome outcome, String description, CLibrary library) {
    }

    private static volatile Result result;
    /** Ten seconds. */
    static final long MIN_TRIM_INTERVAL_NANOS = 10_000_000_000L;
    private static final long NEVER = Long.MIN_VALUE;
    private static final AtomicLong lastTrim = new AtomicLong(NEVER);

    private NativeAllocator() {
    }

    /** Idempotent; never throws. */
    public static synchronized Outcome tune() {
        if (result == null) {
            result = tune(GlibcViaJna::new, System.getProperty(PROPERTY));
        }
        return result.outcome();
    }

    /** One line for benchmarks and logs: what the allocator runs with. */
    public static String description() {
        Result r = result;
        return r == null ? "C allocator not tuned yet (the engine has not started)" : r.description();
    }

    /**
     * Gives the arenas' free memory back to the system; called when a feature-extraction run ends, so the memory that
     * the settings keep for the next batch is kept only while batches come. At most once per
     * {@link #MIN_TRIM_INTERVAL_NANOS}: a caller that runs one short extraction after another (a frame at a time)
     * would otherwise fault its activations in again on every call. Does nothing where {@link #tune()} did not tune;
     * never throws.
     */
    public static void releaseFreeMemory() {
        Result r = result;
        long now = System.nanoTime();
        long last = lastTrim.get();
        if (r != null && r.library() != null && trimDue(now, last) && lastTrim.compareAndSet(last, now)) {
            try {
                r.library().trim();
            } catch (LinkageError | RuntimeException e) {
                // cannot happen with glibc, which has had malloc_trim since 2.0; the memory stays for the next run
            }
        }
    }

    static boolean trimDue(long now, long last) {
        return last == NEVER || now - last >= MIN_TRIM_INTERVAL_NANOS;
    }

    /** The same settings as glibc's environment variables, for a process we start (the authors' pipeline). */
    public static Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("MALLOC_MMAP_THRESHOLD_", Integer.toString(MMAP_THRESHOLD_BYTES));
        variables.put("MALLOC_TRIM_THRESHOLD_", Integer.toString(TRIM_THRESHOLD_BYTES));
        variables.put("MALLOC_TOP_PAD_", Integer.toString(TOP_PAD_BYTES));
        return variables;
    }

    /** The decision: {@code setting} is the {@value #PROPERTY} property (null when unset). */
    static Result tune(Supplier<CLibrary> loader, String setting) {
        String choice = setting == null ? "" : setting.trim();
        if (choice.equalsIgnoreCase("default") || choice.equalsIgnoreCase("off")) {
            return new Result(Outcome.LEFT_AS_CONFIGURED, "C allocator left as configured (-D" + PROPERTY + "=" + choice
                    + ")", null);
        }
        CLibrary libc;
        String version;
        try {
            libc = loader.get();
            version = libc.glibcVersion();
        } catch (LinkageError | RuntimeException e) {
            return new Result(Outcome.UNAVAILABLE, "C allocator not tuned (no JNA or C library: " + e.getMessage()
                    + ")", null);
        }
        if (version == null) {
            return new Result(Outcome.NOT_GLIBC, "C allocator not tuned (not glibc)", null);
        }
        boolean all;
        try {
            all = libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
                    & libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES)
                    & libc.mallopt(M_TOP_PAD, TOP_PAD_BYTES);
        } catch (LinkageError | RuntimeException e) {
            return new Result(Outcome.UNAVAILABLE, "glibc " + version + " malloc not tuned (" + e.getMessage() + ")",
                    null);
        }
        if (!all) {
            // some settings may have taken: trim at the end of runs all the same
            return new Result(Outcome.REFUSED, "glibc " + version + " refused some malloc settings", libc);
        }
        return new Result(Outcome.TUNED, String.format(Locale.ROOT, "glibc %s malloc: mmap threshold %d MiB, trim"
                + " threshold %d MiB, top pad %d MiB", version, MMAP_THRESHOLD_BYTES >> 20, TRIM_THRESHOLD_BYTES >> 20,
                TOP_PAD_BYTES >> 20), libc);
    }

    /** glibc through JNA; a library without {@code gnu_get_libc_version} (musl, macOS, Windows) is not glibc. */
    private static final class GlibcViaJna implements CLibrary {
        private final NativeLibrary c = Platform.isLinux() ? NativeLibrary.getInstance(Platform.C_LIBRARY_NAME) : null;

        @Override
        public String glibcVersion() {
            if (c == null) {
                return null;
            }
            try {
                return c.getFunction("gnu_get_libc_version").invokeString(new Object[0], false);
            } catch (UnsatisfiedLinkError e) {
                return null;
            }
        }

        @Override
        public boolean mallopt(int parameter, int value) {
            Function mallopt = c.getFunction("mallopt");
            return mallopt.invokeInt(new Object[] {parameter, value}) == 1;
        }

        @Override
        public void trim() {
            c.getFunction("malloc_trim").invokeInt(new Object[] {new com.sun.jna.NativeLong(0)});
        }
    }
}
