package nero.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What this CPU can do natively, for the fast paths. bfloat16 pays only with instructions that compute in it
 * ({@code avx512_bf16}: AVX-512 dot products of bfloat16 pairs, Intel Cooper Lake and Sapphire Rapids, AMD Zen 4 and
 * later; {@code amx_bf16}: Intel's AMX tiles): without them libtorch emulates bfloat16 through float32 and runs
 * slower than float32 itself. Read from the kernel's CPU flags ({@code /proc/cpuinfo}, Linux); elsewhere unknown,
 * so taken as absent. {@code -Dnero.cpu.bf16=true|false} overrides the detection (tests force the fallback with it).
 */
public final class CpuFeatures {
    /** The property that overrides the detection of bfloat16 instructions. */
    public static final String BF16_PROPERTY = "nero.cpu.bf16";
    private static final List<String> BF16_FLAGS = List.of("avx512_bf16", "amx_bf16");
    private static volatile Boolean detected;

    private CpuFeatures() {
    }

    /** Whether the CPU computes in bfloat16 natively (or the property says so). */
    public static boolean bf16() {
        String forced = System.getProperty(BF16_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            return Boolean.parseBoolean(forced.trim());
        }
        if (detected == null) {
            detected = hasAnyFlag(cpuInfo(), BF16_FLAGS);
        }
        return detected;
    }

    /** The flags that give bfloat16 instructions, as the message of a fallback names them. */
    static String bf16Flags() {
        return String.join(" or ", BF16_FLAGS);
    }

    /** Whether a {@code flags} line of {@code /proc/cpuinfo} lists one of {@code wanted}. */
    static boolean hasAnyFlag(List<String> cpuInfo, List<String> wanted) {
        for (String line : cpuInfo) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("flags")) {
                continue;
            }
            int colon = lower.indexOf(':');
            for (String flag : lower.substring(colon + 1).trim().split("\\s+")) {
                if (wanted.contains(flag)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> cpuInfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return List.of(); // not Linux: unknown, so no bfloat16 fast path
        }
    }
}
