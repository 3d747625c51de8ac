package nero.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** bfloat16 instructions are read from the kernel's CPU flags; the property overrides the detection. */
class CpuFeaturesTest {
    private static final List<String> BF16 = List.of("avx512_bf16", "amx_bf16");

    @Test
    void theFlagsLineNamesTheInstructions() {
        assertTrue(CpuFeatures.hasAnyFlag(List.of("processor\t: 0", "flags\t\t: fpu avx512f avx512_bf16 avx512_vnni"),
                BF16));
        assertTrue(CpuFeatures.hasAnyFlag(List.of("flags : sse amx_bf16 amx_tile"), BF16));
        // Zen 3 / Skylake: AVX-512 or AVX2 but no bfloat16; a longer flag name is not the flag
        assertFalse(CpuFeatures.hasAnyFlag(List.of("flags\t: fpu avx2 avx512f avx512_vnni avx512_bf16x"), BF16));
        assertFalse(CpuFeatures.hasAnyFlag(List.of("model name\t: avx512_bf16 in a name is no flag"), BF16));
        assertFalse(CpuFeatures.hasAnyFlag(List.of(), BF16));
    }

    @Test
    void thePropertyForcesTheAnswerBothWays() {
        assertTrue(PrecisionTest.withBf16Cpu("true", CpuFeatures::bf16));
        assertFalse(PrecisionTest.withBf16Cpu("false", CpuFeatures::bf16));
    }
}
