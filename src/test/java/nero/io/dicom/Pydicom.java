package nero.io.dicom;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import nero.io.ExternalProcess;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's pydicom (python3-pydicom, with numpy and Pillow), used by tests to write DICOM corpora and to say which
 * RGB pixels they hold. Tests skip when it is missing, and fail then when NERO_REQUIRE_FULL_TESTS=1.
 */
final class Pydicom {
    private static final long LIMIT_S = 300; // a guard against a hung process, not a timing
    private static final String PYTHON = "/usr/bin/python3";

    private Pydicom() {
    }

    static void require() {
        try {
            ExternalProcess.run(List.of(PYTHON, "-c", "import pydicom, numpy, PIL"), null, LIMIT_S);
        } catch (IOException e) {
            String missing = "pydicom/numpy/Pillow (python3-pydicom, python3-numpy, python3-pil) not runnable: "
                    + e.getMessage();
            if ("1".equals(System.getenv("NERO_REQUIRE_FULL_TESTS"))) {
                fail(missing + " and NERO_REQUIRE_FULL_TESTS=1");
            }
            Assumptions.abort(missing);
        }
    }

    /** Runs a Python script with its arguments; its output, or an IOException saying why it failed. */
    static String run(Path script, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(List.of(args));
        return ExternalProcess.run(cmd, null, LIMIT_S);
    }
}
