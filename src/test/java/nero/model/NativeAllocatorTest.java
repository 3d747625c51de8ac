package nero.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** glibc's malloc keeps large activation buffers in its heaps once the engine has started (issue 25). */
class NativeAllocatorTest {
    /** glibc's {@code struct mallinfo2} (2.33+): every field a size_t. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost"})
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }

    /** The C functions the check needs (size_t as long: 64-bit Linux only). */
    public interface CMalloc extends Library {
        MallInfo2 mallinfo2();

        Pointer malloc(long size);

        void free(Pointer block);
    }

    @Test
    void afterEngineStartA40MbBlockComesFromTheHeapNotFromAMappingOfItsOwn() {
        assumeTrue(Platform.isLinux() && Native.SIZE_T_SIZE == 8 && hasMallinfo2(), "64-bit glibc 2.33+ only");
        Engine.ensureStarted();
        assertEquals(NativeAllocator.Outcome.TUNED, NativeAllocator.tune(), NativeAllocator.description());
        CMalloc c = Native.load(Platform.C_LIBRARY_NAME, CMalloc.class);
        // MobileNetV2's largest activation at batch 8 (8 × 96 × 112 × 112 floats); glibc's default dynamic mmap
        // threshold stops at 32 MiB, so before the engine tuned malloc this block was mapped and unmapped each time
        long size = 8L * 96 * 112 * 112 * 4;
        long mappedBefore = c.mallinfo2().hblkhd;
        Pointer block = c.malloc(size);
        long mappedDuring = c.mallinfo2().hblkhd;
        c.free(block);
        assertTrue(mappedDuring - mappedBefore < size, "a " + size + "-byte block got its own mapping ("
                + (mappedDuring - mappedBefore) + " more mapped bytes); " + NativeAllocator.description());
    }

    @Test
    void glibcGetsTheThreeSettings() {
        FakeLibc libc = new FakeLibc("2.36", true);
        assertEquals(NativeAllocator.Outcome.TUNED, NativeAllocator.tune(() -> libc, null).outcome());
        assertEquals(List.of(
                List.of(NativeAllocator.M_MMAP_THRESHOLD, 64 << 20),
                List.of(NativeAllocator.M_TRIM_THRESHOLD, Integer.MAX_VALUE),
                List.of(NativeAllocator.M_TOP_PAD, 64 << 20)), libc.calls);
    }

    @Test
    void anotherCLibraryIsLeftAloneWithoutFailing() {
        FakeLibc musl = new FakeLibc(null, true);
        assertEquals(NativeAllocator.Outcome.NOT_GLIBC, NativeAllocator.tune(() -> musl, null).outcome());
        assertTrue(musl.calls.isEmpty());
    }

    @Test
    void noJnaOrNoCLibraryIsNoFailure() {
        NativeAllocator.Result noJna = NativeAllocator.tune(() -> {
            throw new NoClassDefFoundError("com/sun/jna/NativeLibrary");
        }, null);
        assertEquals(NativeAllocator.Outcome.UNAVAILABLE, noJna.outcome());
        assertTrue(noJna.description().contains("not tuned"), noJna.description());
        assertEquals(NativeAllocator.Outcome.UNAVAILABLE, NativeAllocator.tune(() -> {
            throw new UnsatisfiedLinkError("libc.so.6: cannot open shared object file");
        }, null).outcome());
    }

    @Test
    void aRefusedSettingIsReportedNotThrown() {
        assertEquals(NativeAllocator.Outcome.REFUSED, NativeAllocator.tune(() -> new FakeLibc("2.17", false), null)
                .outcome());
    }

    @Test
    void theUserCanLeaveTheAllocatorAsConfigured() {
        FakeLibc libc = new FakeLibc("2.36", true);
        assertEquals(NativeAllocator.Outcome.LEFT_AS_CONFIGURED, NativeAllocator.tune(() -> libc, "default").outcome());
        assertEquals(NativeAllocator.Outcome.LEFT_AS_CONFIGURED, NativeAllocator.tune(() -> libc, " OFF ").outcome());
        assertTrue(libc.calls.isEmpty());
    }

    @Test
    void freeMemoryIsGivenBackAtMostOnceInTenSeconds() {
        long t = 123_456_789L;
        assertTrue(NativeAllocator.trimDue(t, Long.MIN_VALUE), "the first time");
        assertTrue(!NativeAllocator.trimDue(t + 9_999_999_999L, t), "a run 10 s minus 1 ns later");
        assertTrue(NativeAllocator.trimDue(t + 10_000_000_000L, t), "10 s later");
        assertTrue(NativeAllocator.trimDue(Long.MAX_VALUE, Long.MAX_VALUE - 20_000_000_000L), "nanoTime near overflow");
        NativeAllocator.releaseFreeMemory(); // real glibc where tuned, else nothing: never throws
    }

    @Test
    void theEnvironmentVariablesSayTheSame() {
        assertEquals(java.util.Map.of("MALLOC_MMAP_THRESHOLD_", "67108864", "MALLOC_TRIM_THRESHOLD_", "2147483647",
                "MALLOC_TOP_PAD_", "67108864"), NativeAllocator.environment());
    }

    private static boolean hasMallinfo2() {
        try {
            NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("mallinfo2");
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    private static final class FakeLibc implements NativeAllocator.CLibrary {
        final List<List<Integer>> calls = new ArrayList<>();
        private final String version;
        private final boolean accepts;

        FakeLibc(String version, boolean accepts) {
            this.version = version;
            this.accepts = accepts;
        }

        @Override
        public String glibcVersion() {
            return version;
        }

        @Override
        public boolean mallopt(int parameter, int value) {
            calls.add(List.of(parameter, value));
            return accepts;
        }

        @Override
        public void trim() {
        }
    }
}
