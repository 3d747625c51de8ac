package nero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/cli.md's streams: standard output carries results only, skipped files go to standard error whatever the
 * command, and a result that could not be written to standard output is not a success.
 */
class CliStreamsTest {
    @TempDir
    Path tmp;

    /** A folder of two sample images and one cut-off JPEG. */
    private Path folderWithABrokenImage() throws IOException {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Path source = SampleDetector.SAMPLE.resolve("ood/polyp");
        Files.copy(SampleDetector.firstFile(source), images.resolve("a.jpg"));
        Files.copy(source.resolve("polyp-001.jpg"), images.resolve("b.jpg"));
        byte[] bytes = Files.readAllBytes(images.resolve("a.jpg"));
        Files.write(images.resolve("cut.jpg"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        return images;
    }

    private static void assertSkipListOnStderrOnly(Cli.Result r, Path broken) {
        assertEquals(0, r.code(), r.toString());
        assertFalse(r.out().contains("skipped") || r.out().contains(broken.toString()),
                "the skip list must not be on standard output\n" + r);
        assertTrue(r.err().contains("skipped 1 file(s):") && r.err().contains(broken + ": "),
                "the skipped file and its reason go to standard error\n" + r);
    }

    @Test
    void scoreIntoAFileSendsTheSkipListToStderr() throws IOException {
        Path images = folderWithABrokenImage();
        Cli.Result r = Cli.run("score", "--detector", SampleDetector.detector(), "--out", tmp.resolve("s.csv"),
                images);
        assertSkipListOnStderrOnly(r, images.resolve("cut.jpg"));
        assertTrue(r.out().contains("scored 2 image(s)"), "the summary stays on standard output\n" + r);
    }

    @Test
    void evaluateSendsTheSkipListToStderr() throws IOException {
        Path images = folderWithABrokenImage();
        Cli.Result r = Cli.run("evaluate", "--detector", SampleDetector.detector(), "--id", SampleDetector.VAL,
                "--ood", images, "--out", tmp.resolve("evaluation"));
        assertSkipListOnStderrOnly(r, images.resolve("cut.jpg"));
        assertTrue(r.out().contains("AUROC"), r.toString());
    }

    @Test
    void explainOfAFolderNamesTheSkippedFilesOnStderr() throws IOException {
        Path images = folderWithABrokenImage();
        Cli.Result r = Cli.run("explain", "--detector", SampleDetector.detector(), "--out", tmp.resolve("views"),
                images);
        assertSkipListOnStderrOnly(r, images.resolve("cut.jpg"));
        assertTrue(r.out().contains("2 image(s) scored"), r.toString());
    }

    @Test
    void fitSendsTheSkipListToStderr() throws IOException {
        Path train = tmp.resolve("train");
        for (String c : List.of("cecum", "pylorus", "z-line")) {
            Path folder = Files.createDirectories(train.resolve(c));
            try (var files = Files.list(SampleDetector.TRAIN.resolve(c))) {
                for (Path f : files.sorted().limit(10).toList()) {
                    Files.copy(f, folder.resolve(f.getFileName()));
                }
            }
        }
        Path broken = Files.writeString(train.resolve("cecum/broken.png"), "not a picture");
        Cli.Result r = Cli.run("fit", "--model", SampleDetector.MODEL, "--train", train, "--components", "20",
                "--out", tmp.resolve("d.nero"));
        assertSkipListOnStderrOnly(r, broken);
        assertTrue(r.out().contains("fitted on 30 training image(s)"), r.toString());
    }

    /** `score > scores.csv` on a full disk: exit 2 and one line with the reason, never exit 0. */
    @Test
    void aCsvThatCouldNotBeWrittenToStandardOutputIsAnError() {
        Cli.Result r = scoreInto(new Failing("No space left on device"));
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("nero: ") && l.contains("standard output")
                && l.contains("No space left on device")), r.toString());
    }

    /** `score | head -1`: the reader stopped; the run ends quietly with SIGPIPE's status, as tools in a pipe do. */
    @Test
    void aReaderThatStoppedReadingEndsTheRunQuietly() {
        Cli.Result r = scoreInto(new Failing("Broken pipe"));
        assertEquals(141, r.code(), r.toString());
        assertFalse(r.err().contains("nero: "), r.toString());
    }

    private static Cli.Result scoreInto(OutputStream stdoutTarget) {
        Path image = SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("ood/polyp"));
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream failing = ResultStream.over(stdoutTarget, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(failing);
            System.setErr(e);
            code = NeroCli.execute("score", "--detector", SampleDetector.detector().toString(), image.toString());
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return new Cli.Result(code, "", err.toString(StandardCharsets.UTF_8));
    }

    private static final class Failing extends OutputStream {
        private final String reason;

        Failing(String reason) {
            this.reason = reason;
        }

        @Override
        public void write(int b) throws IOException {
            throw new IOException(reason);
        }
    }
}
