package nero.io.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.source.ImageSources;

/**
 * Peak Java heap while one input file is read and decoded (every item it yields), one file after another: the
 * figure behind "under 1.5 GB per input at -Xmx2g" in docs/robustness.md. The peak is the sum of each heap pool's
 * own peak since the last reset, an upper bound of the true peak. Files that are refused print their message.
 * Usage: {@code java -Xmx2g -cp … nero.io.bench.DecodePeakMemory FILE…}
 */
public final class DecodePeakMemory {
    private DecodePeakMemory() {
    }

    public static void main(String[] args) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.out.printf("max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        for (String arg : args) {
            System.gc();
            long before = used(heap);
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            String outcome;
            long pixels = 0;
            try (ImageSource source = ImageSources.open(Path.of(arg))) {
                int items = 0;
                for (SourceItem item : source) {
                    var imp = item.read();
                    pixels += (long) imp.getWidth() * imp.getHeight() * imp.getStackSize();
                    items++;
                }
                outcome = items + " item(s), " + pixels + " pixels decoded";
            } catch (RuntimeException | OutOfMemoryError e) {
                outcome = "refused: " + e.getMessage();
            }
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("%-28s peak heap %5d MB (%5d MB before)  %s%n", Path.of(arg).getFileName(), peak >> 20,
                    before >> 20, outcome);
        }
    }

    private static long used(List<MemoryPoolMXBean> heap) {
        return heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }
}
