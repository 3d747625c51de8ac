package nero.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one file writer: a short temporary name (any legal target name works), the previous file intact and no
 * temporary left whatever fails, and the disk's own reason in the one message.
 */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aTargetNameOf255BytesIsWritten() throws IOException {
        // the longest name Linux allows; the temporary name used to add 38 bytes to it (ENAMETOOLONG)
        String name = "x".repeat(251) + ".csv";
        Path target = dir.resolve(name);
        AtomicFiles.write(target, out -> out.write("a,b\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a,b\n", Files.readString(target));
        // and a name of 255 bytes in UTF-8 (125 two-byte letters and "x.csv")
        Path accented = dir.resolve("é".repeat(125) + "x.csv");
        assertEquals(255, accented.getFileName().toString().getBytes(StandardCharsets.UTF_8).length);
        AtomicFiles.write(accented, out -> out.write(1));
        assertEquals(1, Files.size(accented));
        assertEquals(List.of(accented, target).stream().sorted().toList(), list());
    }

    @Test
    void theTemporaryIsAShortHiddenSiblingInTheSameFolder() throws Exception {
        Path target = dir.resolve("scores.csv");
        try (AtomicFiles.Pending p = AtomicFiles.begin(target)) {
            List<Path> files = list();
            assertEquals(1, files.size());
            Path temporary = files.get(0);
            assertEquals(dir, temporary.getParent());
            assertTrue(AtomicFiles.isTemporary(temporary), temporary.toString());
            assertTrue(temporary.getFileName().toString().length() <= 24, temporary.toString());
            assertFalse(Files.exists(target), "the target appears only when committed");
        }
        assertEquals(List.of(), list(), "discarded without a commit");
    }

    @Test
    void aDiskThatFillsUpAnywhereLeavesThePreviousFileAndNoTemporary() throws Exception {
        Path target = Files.writeString(dir.resolve("detector.nero"), "previous");
        byte[] content = new byte[200_000];
        Arrays.fill(content, (byte) 7);
        // full at the first byte, inside the first buffer, after several buffers, one byte short
        for (long room : new long[] {0, 100, 150_000, content.length - 1}) {
            try (FailingDisk disk = FailingDisk.fullAfter(room)) {
                InvalidInputException e = assertThrows(InvalidInputException.class,
                        () -> AtomicFiles.write(target, out -> out.write(content)));
                assertEquals("cannot write " + target + ": " + FailingDisk.FULL, e.getMessage());
                assertEquals(1, disk.temporaries().size());
            }
            assertEquals("previous", Files.readString(target), "room " + room);
            assertEquals(List.of(target), list(), "no temporary left (room " + room + ")");
        }
    }

    @Test
    void anErrorWhenTheDataAreForcedToDiskLeavesThePreviousFile() throws Exception {
        Path target = Files.writeString(dir.resolve("roc.png"), "previous");
        try (FailingDisk disk = FailingDisk.failingOnClose()) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> AtomicFiles.write(target, out -> out.write(new byte[10])));
            assertEquals("cannot write " + target + ": " + FailingDisk.BROKEN, e.getMessage());
        }
        assertEquals("previous", Files.readString(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void theDisksReasonIsReportedEvenWhenAnEncoderRewordsIt() throws Exception {
        Path target = dir.resolve("plot.png");
        try (FailingDisk disk = FailingDisk.fullAfter(10)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> AtomicFiles.write(target,
                    out -> {
                        try {
                            out.write(new byte[100_000]);
                        } catch (IOException cause) {
                            throw new IOException("I/O error writing PNG file!", cause); // ImageIO's words
                        }
                    }));
            assertEquals("cannot write " + target + ": " + FailingDisk.FULL, e.getMessage());
        }
        assertEquals(List.of(), list());
    }

    @Test
    void aContentThatClosesItsStreamIsStillCommittedWhole() throws IOException {
        Path target = dir.resolve("t.txt");
        AtomicFiles.write(target, out -> {
            out.write("one".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        assertArrayEquals("one".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
    }

    @Test
    void aReadOnlyFolderIsReportedByName() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ro"));
        assertTrue(folder.toFile().setWritable(false));
        try {
            if (Files.isWritable(folder)) {
                return; // root writes anywhere: the read-only file system case is checked on a real one (FullDiskCliTest)
            }
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> AtomicFiles.write(folder.resolve("a.csv"), out -> out.write(1)));
            assertTrue(e.getMessage().startsWith("cannot write " + folder.resolve("a.csv") + ": "), e.getMessage());
        } finally {
            folder.toFile().setWritable(true);
        }
    }

    private List<Path> list() throws IOException {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
