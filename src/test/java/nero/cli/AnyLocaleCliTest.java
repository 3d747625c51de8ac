package nero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nero.io.FileNameEncoding;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Non-ASCII file and folder names under LC_ALL=C (cron, systemd, bare containers), in a JVM of its own: started
 * with the launcher's locale block ({@code ./nero}) they are scored and printed as they are; in a JVM started in the
 * C locale without it (Fiji from such a session, a plain {@code java}), where Java cannot use such names, they are
 * refused with the advice instead of being called corrupt or a class folder empty.
 */
class AnyLocaleCliTest {
    @TempDir
    Path tmp;
    private Path data;

    @BeforeEach
    void accentedFiles() throws IOException {
        Path image = SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("ood/dyed"));
        data = Files.createDirectories(tmp.resolve("data"));
        Files.copy(image, data.resolve("café.jpg"));
        Files.copy(image, Files.createDirectories(data.resolve("clâss")).resolve("ölçü.jpg"));
        Files.writeString(data.resolve("défaut.jpg"), "not a JPEG");
    }

    @Test
    void underTheLaunchersLocaleAccentedNamesAreScoredAndPrinted() throws Exception {
        Run r = java(true, "score", "--detector", SampleDetector.detector(), data);
        assertEquals(0, r.code(), r.toString());
        List<String> rows = r.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertEquals(List.of(data.resolve("café.jpg").toString(), data.resolve("clâss/ölçü.jpg").toString()), rows,
                r.toString());
        assertTrue(r.err().contains(data.resolve("défaut.jpg") + ": "), "the skip line names the file: " + r);

        Run file = java(true, "score", "--detector", SampleDetector.detector(), data.resolve("café.jpg"));
        assertEquals(0, file.code(), file.toString());
        assertTrue(file.out().contains(data.resolve("café.jpg") + ","), file.toString());
    }

    @Test
    void aJavaInTheCLocaleRefusesSuchNamesWithTheAdvice() throws Exception {
        Run folder = java(false, "score", "--detector", SampleDetector.detector(), data);
        assertRefusedWithAdvice(folder);
        Run file = java(false, "score", "--detector", SampleDetector.detector(), data.resolve("café.jpg"));
        assertRefusedWithAdvice(file);
        // a class folder named with an accent: no longer "contains no images"
        Path train = tmp.resolve("train");
        Files.createDirectories(train.resolve("cecum"));
        Files.copy(data.resolve("café.jpg"), train.resolve("cecum/a.jpg"));
        Files.copy(data.resolve("café.jpg"), Files.createDirectories(train.resolve("clâss")).resolve("b.jpg"));
        Run fit = java(false, "fit", "--model", SampleDetector.MODEL, "--train", train, "--out",
                tmp.resolve("d.nero"));
        assertRefusedWithAdvice(fit);
        assertTrue(fit.err().startsWith("nero: " + train + "/cl"), fit.toString());
    }

    @Test
    void aNameThatIsNotValidUtf8IsSkippedWithTheCureAndTheRestScored() throws Exception {
        Assumptions.assumeFalse(FileNameEncoding.asciiOnly(), "this test JVM runs in the C locale");
        // a Latin-1 name, as an old share gives it: bytes Java cannot decode in a UTF-8 system
        Process p = new ProcessBuilder("bash", "-c", "cp \"$0\" \"$1\"$'\\xe9t\\xe9.jpg'",
                data.resolve("café.jpg").toString(), data.resolve("l").toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        Cli.Result r = Cli.run("score", "--detector", SampleDetector.detector(), data);
        assertEquals(0, r.code(), r.toString());
        assertEquals(3, r.out().lines().count(), "café.jpg and clâss/ölçü.jpg scored: " + r);
        assertTrue(r.err().lines().anyMatch(l -> l.contains("/data/l\uFFFDt\uFFFD.jpg: the file name is not valid"
                + " UTF-8 (this Java's file-name encoding), so it cannot be opened by name: rename the file in UTF-8")),
                r.toString());
    }

    private static void assertRefusedWithAdvice(Run r) {
        assertEquals(2, r.code(), r.toString());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.toString());
        assertTrue(lines.get(0).startsWith("nero: "), r.toString());
        assertTrue(lines.get(0).contains(": non-ASCII file name; this Java runs with the ASCII-only file-name"
                + " encoding of the C/POSIX locale (sun.jnu.encoding=ANSI_X3.4-1968)"), r.toString());
        assertTrue(lines.get(0).contains("LC_ALL=C.UTF-8"), r.toString());
        assertEquals("", r.out(), r.toString());
    }

    private record Run(int code, String out, String err) {
    }

    /**
     * {@code nero ARGS} in a JVM started under LC_ALL=C, through the launcher's locale block (read from
     * {@code ./nero}) or without it.
     */
    private Run java(boolean launcherBlock, Object... args) throws Exception {
        SampleDetector.requireSampleData();
        String launcher = Files.readString(Path.of("nero"));
        int from = launcher.indexOf("# >>> file names in any locale");
        int to = launcher.indexOf("# <<< file names in any locale");
        assertTrue(from >= 0 && to > from, "the launcher's locale block");
        Path block = Files.writeString(tmp.resolve("locale-block.sh"), launcher.substring(from, to));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                (launcherBlock ? ". \"$NERO_LOCALE_BLOCK\"; " : "") + "exec \"$@\"", "bash",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Djava.awt.headless=true", "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.log.ai.djl=error",
                "-Dnero.progress=false", "-cp", classPath, NeroCli.class.getName()));
        for (Object a : args) {
            cmd.add(String.valueOf(a));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.equals("LANGUAGE"));
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("NERO_LOCALE_BLOCK", block.toString());
        Path err = tmp.resolve("stderr.txt");
        Process p = pb.redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the JVM did not finish");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8).lines()
                        .filter(l -> !l.matches("^\\[[^\\]]+\\] (WARN|INFO) ai\\.djl\\..*"))
                        .reduce("", (a, b) -> a + b + "\n"));
    }

}
