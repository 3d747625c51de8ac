package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs tools/host-test.sh: the plugin installed into a fresh plain ImageJ 1 (Debian's imagej) and driven by the
 * example macros under Xvfb. Skipped when imagej, xvfb-run or ImageMagick are absent (fails with
 * NERO_REQUIRE_FULL_TESTS=1). The smoke stage needs no model; the full stage needs the sample data.
 */
class RealHostTest {
    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static void requireHostTools() {
        for (String tool : List.of("imagej", "xvfb-run", "xauth", "import", "convert")) {
            TestData.require(onPath(tool), "the host tool '" + tool + "'");
        }
    }

    static int runScript(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tools/host-test.sh"));
        command.addAll(List.of(options));
        Path log = Files.createTempFile("nero-host-test", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        System.out.println(output);
        Files.deleteIfExists(log);
        return process.exitValue();
    }

    @Test
    void commandsAreInstalledInPlainImageJAndReportBadInput() throws Exception {
        requireHostTools();
        assertEquals(0, runScript("--smoke-only"), "tools/host-test.sh --smoke-only failed (see the output above)");
    }

    @Test
    void exampleMacrosRunOnTheSampleDataInPlainImageJ() throws Exception {
        requireHostTools();
        TestData.requireSampleData();
        assertEquals(0, runScript(), "tools/host-test.sh failed (see the output above)");
    }
}
