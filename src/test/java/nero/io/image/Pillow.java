package nero.io.image;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.io.ExternalProcess;
import org.junit.jupiter.api.Assumptions;

/**
 * The system's Pillow (Debian python3-pil, what torchvision's image loader uses) and ImageMagick's convert, used by
 * tests to write awkward image files and to say which pixels they hold. Tests skip when either is missing, and fail
 * then when NERO_REQUIRE_FULL_TESTS=1 (CI installs both).
 */
public final class Pillow {
    private static final long LIMIT_S = 120; // a guard against a hung process, not a timing
    private static final String PYTHON = "/usr/bin/python3";

    private Pillow() {
    }

    public static void require() {
        String missing = null;
        try {
            run(List.of(PYTHON, "-c", "import PIL, numpy"), null);
            run(List.of("convert", "-version"), null);
        } catch (IOException e) {
            missing = "Pillow/numpy (python3-pil, python3-numpy) or ImageMagick (imagemagick) not runnable: "
                    + e.getMessage();
        }
        if (missing != null) {
            if ("1".equals(System.getenv("NERO_REQUIRE_FULL_TESTS"))) {
                fail(missing + " and NERO_REQUIRE_FULL_TESTS=1");
            }
            Assumptions.abort(missing);
        }
    }

    /** Only Debian's python3 with Pillow and numpy (no ImageMagick): skips, or fails under NERO_REQUIRE_FULL_TESTS=1. */
    public static void requirePython() {
        try {
            run(List.of(PYTHON, "-c", "import PIL, numpy"), null);
        } catch (IOException e) {
            String missing = "Pillow/numpy (python3-pil, python3-numpy) not runnable with " + PYTHON + ": "
                    + e.getMessage();
            if ("1".equals(System.getenv("NERO_REQUIRE_FULL_TESTS"))) {
                fail(missing + " and NERO_REQUIRE_FULL_TESTS=1");
            }
            Assumptions.abort(missing);
        }
    }

    /** Runs a Python tool of the repository with these arguments in {@code dir}; returns its output. */
    public static String runTool(Path dir, String script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script));
        cmd.addAll(List.of(args));
        return run(cmd, dir);
    }

    /** Runs a Python script (Pillow and numpy importable) in {@code dir}. */
    public static String python(Path dir, String script) throws IOException {
        Path file = dir.resolve("fixture.py");
        Files.writeString(file, script);
        return run(List.of(PYTHON, file.toString()), dir);
    }

    /** Runs ImageMagick's convert with these arguments in {@code dir}. */
    public static void convert(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("convert"));
        cmd.addAll(List.of(args));
        run(cmd, dir);
    }

    /** The RGB bytes (row-major, 3 per pixel) Pillow gives for {@code Image.open(file).convert("RGB")}. */
    public static byte[] rgb(Path file) throws IOException {
        Path out = file.resolveSibling(file.getFileName() + ".pillow.rgb");
        run(List.of(PYTHON, "-c", "import sys; from PIL import Image; "
                + "open(sys.argv[2], 'wb').write(Image.open(sys.argv[1]).convert('RGB').tobytes())",
                file.toString(), out.toString()), file.getParent());
        return Files.readAllBytes(out);
    }

    private static String run(List<String> cmd, Path dir) throws IOException {
        return ExternalProcess.run(cmd, dir, LIMIT_S);
    }
}
