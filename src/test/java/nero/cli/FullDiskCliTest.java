package nero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import nero.core.AtomicFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs on a real full disk: a small tmpfs, mounted by this test (it needs root, as in .ci/run) or given ready in
 * {@code NERO_TEST_TMPFS}. A command whose disk fills up part-way ends with exit 2 and one line naming the file;
 * every output is either the previous file, untouched, or a complete new one: never a cut PNG (ImageJ's PNG saver
 * used to leave empty and cut PNGs behind and print its own error lines).
 */
class FullDiskCliTest {
    /** Free space left when the command starts: the small files fit, a picture does not. */
    private static final int LEFT_FREE = 24 * 1024;

    @TempDir
    Path tmp;
    private Path disk;
    private boolean mounted;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        SampleDetector.requireSampleData();
        SampleDetector.detector(); // fitted on the ordinary disk first
        String given = System.getenv("NERO_TEST_TMPFS");
        if (given != null && !given.isBlank()) {
            disk = Files.createDirectories(Path.of(given).resolve("full-disk-test"));
            return;
        }
        disk = Files.createDirectories(tmp.resolve("tmpfs"));
        String failure = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk.toString());
        mounted = failure == null;
        if (!mounted) {
            String why = "no small tmpfs for the full-disk test: mounting one failed (" + failure + "); run as root or"
                    + " set NERO_TEST_TMPFS to an empty tmpfs folder";
            if ("1".equals(System.getenv("NERO_REQUIRE_FULL_TESTS"))) {
                throw new AssertionError(why + " (NERO_REQUIRE_FULL_TESTS=1)");
            }
            Assumptions.abort(why);
        }
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", disk.toString());
        } else if (disk != null) {
            SampleDetector.deleteTree(disk);
        }
    }

    @Test
    void explainOnAFullDiskEndsWithOneLineAndNoCutPicture() throws Exception {
        Path out = disk.resolve("explain");
        Path image = SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("ood/dyed"));
        Cli.Result first = Cli.run("explain", "--detector", SampleDetector.detector(), "--out", out, image);
        assertEquals(0, first.code(), first.toString());
        Map<Path, String> previous = markAsPrevious(out);
        fillUpLeaving(LEFT_FREE);
        Cli.Result full = Cli.run("explain", "--detector", SampleDetector.detector(), "--out", out, image);
        Cli.assertBadInput(full, "cannot write " + out + "/", "No space left on device");
        assertEachFileIsPreviousOrComplete(out, previous);
    }

    @Test
    void evaluateOnAFullDiskEndsWithOneLineAndNoCutPicture() throws Exception {
        Path out = disk.resolve("evaluate");
        Object[] args = {"evaluate", "--detector", SampleDetector.detector(), "--id",
            SampleDetector.SAMPLE.resolve("id/test"), "--ood", SampleDetector.SAMPLE.resolve("ood"), "--out", out};
        Cli.Result first = Cli.run(args);
        assertEquals(0, first.code(), first.toString());
        Map<Path, String> previous = markAsPrevious(out);
        fillUpLeaving(LEFT_FREE);
        Cli.Result full = Cli.run(args);
        Cli.assertBadInput(full, "cannot write " + out + "/", "No space left on device");
        assertEachFileIsPreviousOrComplete(out, previous);
    }

    @Test
    void aReadOnlyDiskIsRefusedAndNothingChanges() throws Exception {
        Assumptions.assumeTrue(mounted, "needs a tmpfs of its own to remount read-only");
        Path out = disk.resolve("explain");
        Path image = SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("ood/dyed"));
        assertEquals(0, Cli.run("explain", "--detector", SampleDetector.detector(), "--out", out, image).code());
        Map<Path, String> previous = markAsPrevious(out);
        assertEquals(null, run("mount", "-o", "remount,ro", disk.toString()));
        Cli.Result r = Cli.run("explain", "--detector", SampleDetector.detector(), "--out", out, image);
        Cli.assertBadInput(r, out.toString());
        assertEachFileIsPreviousOrComplete(out, previous);
        for (Map.Entry<Path, String> e : previous.entrySet()) {
            assertEquals(e.getValue(), Files.readString(e.getKey()));
        }
    }

    /** Replaces every output by a short text, so that an untouched previous file can be told from a new one. */
    private static Map<Path, String> markAsPrevious(Path out) throws IOException {
        Map<Path, String> previous = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path f : s.sorted().toList()) {
                String text = "previous " + f.getFileName();
                Files.writeString(f, text);
                previous.put(f, text);
            }
        }
        assertFalse(previous.isEmpty());
        return previous;
    }

    /** Fills the disk up to ENOSPC, then frees {@code free} bytes. */
    private void fillUpLeaving(int free) throws IOException {
        Path filler = disk.resolve("filler");
        try (FileChannel ch = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(4096);
            while (true) {
                block.clear();
                try {
                    ch.write(block);
                } catch (IOException e) {
                    break; // full
                }
            }
            ch.truncate(Math.max(0, ch.size() - free));
        }
    }

    private static void assertEachFileIsPreviousOrComplete(Path out, Map<Path, String> previous) throws IOException {
        List<String> files = new ArrayList<>();
        int kept = 0;
        try (Stream<Path> s = Files.list(out)) {
            for (Path f : s.sorted().toList()) {
                files.add(f.getFileName().toString());
                assertFalse(AtomicFiles.isTemporary(f), "temporary file left: " + f);
                assertTrue(previous.containsKey(f), "a file that was not there before: " + f);
                byte[] bytes = Files.readAllBytes(f);
                if (Arrays.equals(bytes, previous.get(f).getBytes(StandardCharsets.UTF_8))) {
                    kept++;
                } else {
                    assertComplete(f, bytes);
                }
            }
        }
        assertEquals(previous.size(), files.size(), "every previous output is still there: " + files);
        assertTrue(kept > 0, "the disk filled up, so some outputs must be the previous ones");
    }

    private static void assertComplete(Path f, byte[] bytes) throws IOException {
        String name = f.getFileName().toString();
        assertTrue(bytes.length > 0, "empty file " + f);
        if (name.endsWith(".png")) {
            byte[] iend = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
            assertTrue(Arrays.equals(iend, Arrays.copyOfRange(bytes, bytes.length - iend.length, bytes.length)),
                    "cut PNG " + f);
            assertNotNull(ImageIO.read(f.toFile()), f.toString());
        } else if (name.endsWith(".csv") || name.endsWith(".txt")) {
            assertEquals('\n', bytes[bytes.length - 1], "cut text " + f);
        } else if (name.endsWith(".tif")) {
            assertNotNull(new ij.io.Opener().openImage(f.toString()), "cut TIFF " + f);
        }
    }

    /** Null when the command succeeded, else what it said. */
    private static String run(String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " did not finish";
        }
        return p.exitValue() == 0 ? null : String.join(" ", command) + ": " + output;
    }
}
