package nero.cli;

import static nero.cli.Cli.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every bad input a user can type gives exit status 2, one clear line on stderr naming the file and the problem,
 * nothing on stdout and no file half-written; a corrupt image among good ones is skipped and reported.
 */
class CliBadInputTest {
    static final Path PYDICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    @TempDir
    Path tmp;

    // ---- fit -----------------------------------------------------------------------------------------------

    @Test
    void fitRefusesAMissingModelFile() {
        Path missing = tmp.resolve("no-such-model.pt");
        assertBadInput(Cli.run("fit", "--model", missing, "--train", SampleDetector.TRAIN, "--out",
                tmp.resolve("d.nero")), missing.toString(), "no such file");
        assertEquals(List.of(), Cli.filesUnder(tmp));
    }

    @Test
    void fitRefusesATextFileAsModelAndWritesNothing() throws IOException {
        SampleDetector.requireSampleData();
        Path text = Files.writeString(tmp.resolve("notes.pt"), "not a model\n");
        assertBadInput(Cli.run("fit", "--model", text, "--train", SampleDetector.TRAIN, "--out",
                tmp.resolve("d.nero")), text.toString(), "not a TorchScript model");
        assertEquals(List.of("notes.pt"), Cli.filesUnder(tmp));
    }

    @Test
    void fitRefusesATprOutsideZeroToOne() {
        assertBadInput(Cli.run("fit", "--model", SampleDetector.MODEL, "--train", SampleDetector.TRAIN, "--tpr",
                "1.5", "--out", tmp.resolve("d.nero")), "tpr", "1.5");
        assertEquals(List.of(), Cli.filesUnder(tmp));
    }

    @Test
    void usageErrorsAreOneLineWithAPointerToHelp() {
        assertBadInput(Cli.run("fit", "--model", SampleDetector.MODEL, "--train", SampleDetector.TRAIN, "--tpr",
                "abc", "--out", tmp.resolve("d.nero")), "--tpr", "abc", "nero fit --help");
        assertBadInput(Cli.run("score", "--detector", "d.nero", "--bogus", "x.jpg"), "--bogus", "nero score --help");
        assertBadInput(Cli.run("evaluate", "--detector", "x"), "Missing required", "nero evaluate --help");
    }

    @Test
    void fitRefusesAnEmptyClassFolderByName() throws IOException {
        SampleDetector.requireSampleData();
        Path train = tmp.resolve("train");
        copyImages(SampleDetector.TRAIN.resolve("cecum"), train.resolve("cecum"), 2);
        copyImages(SampleDetector.TRAIN.resolve("pylorus"), train.resolve("pylorus"), 2);
        Files.createDirectories(train.resolve("z-line"));
        assertBadInput(Cli.run("fit", "--model", SampleDetector.MODEL, "--train", train, "--out",
                tmp.resolve("d.nero")), train.resolve("z-line").toString(), "contains no images");
        assertFalse(Files.exists(tmp.resolve("d.nero")));
    }

    @Test
    void fitRefusesAFolderWithoutClassFolders() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertBadInput(Cli.run("fit", "--model", SampleDetector.MODEL, "--train", empty, "--out",
                tmp.resolve("d.nero")), empty.toString(), "no class folders");
    }

    @Test
    void fitRefusesAClassFolderTheModelDoesNotKnow() throws IOException {
        SampleDetector.requireSampleData();
        Path train = tmp.resolve("train");
        copyImages(SampleDetector.TRAIN.resolve("cecum"), train.resolve("cecum"), 2);
        copyImages(SampleDetector.TRAIN.resolve("z-line"), train.resolve("esophagitis"), 2);
        assertBadInput(Cli.run("fit", "--model", SampleDetector.MODEL, "--train", train, "--out",
                tmp.resolve("d.nero")), "'esophagitis'", train.toString(), "cecum, pylorus, z-line");
        assertFalse(Files.exists(tmp.resolve("d.nero")));
    }

    @Test
    void fitRefusesTooFewTrainingImagesNamingTheFolder() throws IOException {
        SampleDetector.requireSampleData();
        Path train = tmp.resolve("train");
        for (String c : List.of("cecum", "pylorus", "z-line")) {
            copyImages(SampleDetector.TRAIN.resolve(c), train.resolve(c), 3);
        }
        assertBadInput(Cli.run("fit", "--model", SampleDetector.MODEL, "--train", train, "--out",
                tmp.resolve("d.nero")), "9 training image(s)", train.toString(), "needs at least");
        assertEquals(List.of("train"), Cli.filesUnder(tmp).stream().filter(p -> !p.contains("/")).toList());
    }

    @Test
    void fitRefusesAnOutputInAMissingFolder() {
        Path out = tmp.resolve("no/such/folder/d.nero");
        assertBadInput(Cli.run("fit", "--model", SampleDetector.MODEL, "--train", SampleDetector.TRAIN, "--out",
                out), tmp.resolve("no/such/folder").toString(), "does not exist");
        assertFalse(Files.exists(tmp.resolve("no")));
    }

    @Test
    void fitRefusesAnOutputThatIsAFolderBeforeWorking() throws IOException {
        SampleDetector.requireSampleData();
        Path folder = Files.createDirectories(tmp.resolve("detectors"));
        assertBadInput(Cli.run("fit", "--model", SampleDetector.MODEL, "--train", SampleDetector.TRAIN, "--out",
                folder), folder.toString(), "is a folder");
        assertEquals(List.of("detectors"), Cli.filesUnder(tmp));
    }

    @Test
    void fitRefusesToWriteTheDetectorOverItsOwnModel() throws IOException {
        Path model = Files.copy(SampleDetector.MODEL, tmp.resolve("model.pt"));
        Files.copy(SampleDetector.MODEL.resolveSibling("nero-sample.json"), tmp.resolve("model.json"));
        byte[] before = Files.readAllBytes(model);
        assertBadInput(Cli.run("fit", "--model", model, "--train", SampleDetector.TRAIN, "--out", model),
                model.toString(), "also an input");
        assertTrue(Arrays.equals(before, Files.readAllBytes(model)), "the model is untouched");
    }

    // ---- detector files ------------------------------------------------------------------------------------

    @Test
    void scoreRefusesAMissingOrForeignDetectorFile() throws IOException {
        SampleDetector.requireSampleData();
        Path image = image();
        Path missing = tmp.resolve("none.nero");
        assertBadInput(Cli.run("score", "--detector", missing, image), missing.toString(), "no such file");
        Path text = Files.writeString(tmp.resolve("text.nero"), "hello\n");
        assertBadInput(Cli.run("score", "--detector", text, image), text.toString(), "not a NERO detector");
    }

    @Test
    void scoreRefusesATruncatedDetectorFileInOneLine() throws IOException {
        byte[] whole = Files.readAllBytes(SampleDetector.detector());
        Path truncated = tmp.resolve("truncated.nero");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        assertBadInput(Cli.run("score", "--detector", truncated, image()), truncated.toString(), "truncated");
    }

    @Test
    void scoreRefusesAHandEditedDetectorFile() throws IOException {
        String json = Files.readString(SampleDetector.detector(), StandardCharsets.UTF_8);
        int at = json.indexOf("\"threshold\":") + "\"threshold\":".length();
        assertTrue(at > "\"threshold\":".length(), "the detector file records its threshold");
        // one digit of the threshold changed, as a user "tuning" it by hand would
        char c = json.charAt(at) == '1' ? '2' : '1';
        Path edited = tmp.resolve("edited.nero");
        Files.writeString(edited, json.substring(0, at) + c + json.substring(at + 1), StandardCharsets.UTF_8);
        assertBadInput(Cli.run("score", "--detector", edited, image()), edited.toString(), "checksum");
    }

    @Test
    void scoreRefusesADetectorFittedForAnotherModel() throws IOException {
        Path detector = SampleDetector.detector();
        Path otherModel = tmp.resolve("nero-sample.pt");
        byte[] bytes = Files.readAllBytes(SampleDetector.MODEL);
        bytes[bytes.length / 5] ^= 1; // inside a stored weight tensor: still loads, different SHA-256
        Files.write(otherModel, bytes);
        Files.copy(SampleDetector.MODEL.resolveSibling("nero-sample.json"), tmp.resolve("nero-sample.json"));
        assertBadInput(Cli.run("score", "--detector", detector, "--model", otherModel, image()),
                otherModel.toString(), "SHA-256", "different file");
    }

    // ---- score ---------------------------------------------------------------------------------------------

    @Test
    void scoreRefusesAnUnknownMethod() {
        assertBadInput(Cli.run("score", "--detector", SampleDetector.detector(), "--methods", "msp,bogus", image()),
                "'bogus'", "known:");
    }

    @Test
    void scoreRefusesAMissingInput() {
        Path missing = tmp.resolve("nope.jpg");
        assertBadInput(Cli.run("score", "--detector", SampleDetector.detector(), missing), missing.toString());
    }

    @Test
    void scoreRefusesAFolderWithoutImagesNamingIt() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(folder.resolve("readme.txt"), "no images here");
        assertBadInput(Cli.run("score", "--detector", SampleDetector.detector(), folder), folder.toString(),
                "no readable image");
    }

    @Test
    void scoreRefusesOutputPathsItCannotWrite() throws IOException {
        Path missingFolder = tmp.resolve("missing/scores.csv");
        assertBadInput(Cli.run("score", "--detector", SampleDetector.detector(), "--out", missingFolder, image()),
                tmp.resolve("missing").toString(), "does not exist");
        Path folder = Files.createDirectories(tmp.resolve("a-folder"));
        assertBadInput(Cli.run("score", "--detector", SampleDetector.detector(), "--out", folder, image()),
                folder.toString(), "is a folder");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertBadInput(Cli.run("score", "--detector", SampleDetector.detector(), "--vectors", file, image()),
                file.toString(), "not a folder");
        assertEquals(List.of("a-file", "a-folder"), Cli.filesUnder(tmp));
    }

    @Test
    void scoreRefusesToWriteTheTableOverAnInputImage() throws IOException {
        Path image = Files.copy(image(), tmp.resolve("still.jpg"));
        byte[] before = Files.readAllBytes(image);
        assertBadInput(Cli.run("score", "--detector", SampleDetector.detector(), "--out", image, image),
                image.toString(), "also an input");
        assertTrue(Arrays.equals(before, Files.readAllBytes(image)), "the image is untouched");
    }

    @Test
    void scoreRefusesADicomObjectWithoutPixels() {
        Path rtPlan = PYDICOM.resolve("rtplan.dcm");
        Assumptions.assumeTrue(Files.isRegularFile(rtPlan), "python3-pydicom's test files are not installed");
        assertBadInput(Cli.run("score", "--detector", SampleDetector.detector(), rtPlan), rtPlan.toString(),
                "no image");
    }

    @Test
    void scoreRefusesABrokenVideoClearly() throws IOException {
        Path video = headerOnlyAvi();
        assertBadInput(Cli.run("score", "--detector", SampleDetector.detector(), video), video.toString(),
                "truncated or corrupt AVI file");
    }

    /** Where FFmpeg's natives cannot load (here: switched off), JCodec refuses AVI with a command that converts it. */
    @Test
    void withoutFfmpegScoreRefusesAnUnsupportedVideoWithAHowTo() throws IOException {
        Path video = headerOnlyAvi();
        System.setProperty("nero.ffmpeg", "off");
        try {
            assertBadInput(Cli.run("score", "--detector", SampleDetector.detector(), video), video.toString(),
                    "unsupported video", "ffmpeg");
        } finally {
            System.clearProperty("nero.ffmpeg");
        }
    }

    private Path headerOnlyAvi() throws IOException {
        byte[] avi = new byte[1024];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, avi, 0, 4);
        System.arraycopy("AVI ".getBytes(StandardCharsets.US_ASCII), 0, avi, 8, 4);
        return Files.write(tmp.resolve("procedure.avi"), avi);
    }

    @Test
    void scoreSkipsACorruptJpegAmongGoodOnesAndReportsIt() throws IOException {
        Path folder = tmp.resolve("mixed");
        copyImages(SampleDetector.SAMPLE.resolve("id/test/cecum"), folder, 3);
        byte[] good = Files.readAllBytes(SampleDetector.firstFile(folder));
        Path broken = Files.write(folder.resolve("zz-broken.jpg"), Arrays.copyOf(good, 400));

        Cli.Result r = Cli.run("score", "--detector", SampleDetector.detector(), folder);

        assertEquals(0, r.code(), r.toString());
        List<CSVRecord> rows = csv(r.out());
        assertEquals(3, rows.size(), "the three good images are scored; stdout holds only the CSV\n" + r);
        assertTrue(rows.stream().noneMatch(row -> row.get("path").contains("zz-broken")), r.toString());
        assertTrue(r.err().contains(broken + ": corrupt"), "the broken file is reported on stderr\n" + r);
        assertFalse(r.err().contains(broken + ": " + broken), "the path is said once\n" + r);
    }

    @Test
    void aVideoCutShortIsScoredUpToTheCutAndReportedAsTruncated() throws IOException {
        Path video = SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("video"));
        byte[] bytes = Files.readAllBytes(video);
        Path cut = Files.write(tmp.resolve("cut.mp4"), Arrays.copyOf(bytes, bytes.length * 3 / 4));

        Cli.Result r = Cli.run("score", "--detector", SampleDetector.detector(), cut);

        assertEquals(0, r.code(), r.toString());
        assertFalse(csv(r.out()).isEmpty(), r.toString());
        assertTrue(r.err().contains(cut.toString()) && r.err().contains("truncated"), r.toString());
        assertFalse(r.err().contains("table written to"), "no temporary file is named\n" + r);
    }

    // ---- evaluate and explain ------------------------------------------------------------------------------

    @Test
    void evaluateRefusesAnEmptyOodFolderAndWritesNoMetrics() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("ood"));
        Path out = tmp.resolve("eval");
        assertBadInput(Cli.run("evaluate", "--detector", SampleDetector.detector(), "--id",
                SampleDetector.VAL, "--ood", empty, "--out", out), empty.toString(), "no readable image");
        assertFalse(Files.exists(out.resolve("metrics.csv")));
    }

    @Test
    void evaluateRefusesAnOutputThatIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("results"), "x");
        assertBadInput(Cli.run("evaluate", "--detector", SampleDetector.detector(), "--id", SampleDetector.VAL,
                "--ood", SampleDetector.SAMPLE.resolve("ood"), "--out", file), file.toString());
    }

    @Test
    void explainRefusesAFileThatIsNoImage() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.jpg"), "not an image");
        assertBadInput(Cli.run("explain", "--detector", SampleDetector.detector(), "--out", tmp.resolve("views"),
                text), text.toString(), "unrecognised file format");
    }

    @Test
    void demoRefusesAnOutputThatIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("results"), "x");
        assertBadInput(Cli.run("demo", "--data", SampleDetector.SAMPLE, "--out", file), file.toString(),
                "not a folder");
    }

    // ---- internal errors -----------------------------------------------------------------------------------

    @Test
    void anInternalErrorExitsOneAndSaysSo() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new NeroCli());
        cli.setErr(new PrintWriter(err, true));
        int code = NeroCli.handle(new IllegalStateException("a bug"), cli, null);
        assertEquals(1, code);
        assertTrue(err.toString().startsWith("nero: internal error: java.lang.IllegalStateException: a bug"),
                err.toString());
    }

    @Test
    void runningOutOfMemoryExitsOneWithAHintNotAStackTrace() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new NeroCli());
        cli.setErr(new PrintWriter(err, true));
        int code = NeroCli.handle(new IllegalStateException(new OutOfMemoryError("Java heap space")), cli, null);
        assertEquals(1, code);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("NERO_JAVA_OPTS=-Xmx"), err.toString());
    }

    @Test
    void aMultiLineMessageBecomesOneLine() {
        assertEquals("a b c", NeroCli.oneLine("a\n  b\r\nc\n"));
    }

    /** Messages name the option the user typed (--ood, --video-step, --top, IMAGE), not the Fiji field behind it. */
    @Test
    void messagesNameTheCommandLinesOptions() {
        Path missing = tmp.resolve("missing");
        Cli.Result ood = Cli.run("evaluate", "--detector", SampleDetector.detector(), "--id", SampleDetector.VAL,
                "--ood", missing, "--out", tmp.resolve("e"));
        assertBadInput(ood, "--ood: ", missing.toString());
        assertFalse(ood.err().contains("ood_dir"), ood.toString());
        Cli.Result step = Cli.run("score", "--detector", SampleDetector.detector(), "--video-step", "0", image());
        assertBadInput(step, "--video-step: '0'");
        Cli.Result top = Cli.run("explain", "--detector", SampleDetector.detector(), "--out", tmp.resolve("x"),
                "--top", "0", image().getParent());
        assertBadInput(top, "--top must be at least 1");
        Cli.Result explained = Cli.run("explain", "--detector", SampleDetector.detector(), "--out", tmp.resolve("y"),
                missing);
        assertBadInput(explained, "IMAGE: ", missing.toString());
        Cli.Result train = Cli.run("fit", "--model", SampleDetector.MODEL, "--train", missing, "--out",
                tmp.resolve("d.nero"));
        assertBadInput(train, "--train: ", missing.toString());
    }

    /** A file where a folder of images is expected is named as a file, not as a missing folder. */
    @Test
    void aFileGivenForAFolderIsSaidToBeAFile() {
        Path file = image();
        Cli.Result ood = Cli.run("evaluate", "--detector", SampleDetector.detector(), "--id", SampleDetector.VAL,
                "--ood", file, "--out", tmp.resolve("e"));
        assertBadInput(ood, "--ood: ", file + " is a file; give the folder that holds the images");
    }

    /** No command: the usage on stderr, nothing on stdout, exit 2. */
    @Test
    void noCommandIsBadUsage() {
        Cli.Result none = Cli.run();
        assertEquals(2, none.code(), none.toString());
        assertEquals("", none.out(), none.toString());
        assertTrue(none.err().contains("Usage: nero"), none.toString());
    }

    // --------------------------------------------------------------------------------------------------------

    private static Path image() {
        return SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("id/test/cecum"));
    }

    private static void copyImages(Path from, Path to, int count) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().limit(count).toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    static List<CSVRecord> csv(String text) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(text)).getRecords();
    }
}
