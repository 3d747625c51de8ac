package nero.io.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ij.CompositeImage;
import ij.ImagePlus;
import ij.process.ImageProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pixel parity with Pillow by construction: {@code tools/pixel_corpus.py} writes every still-image encoding variant we
 * read (PNG colour types × bit depths × alpha/tRNS/gAMA/iCCP, JPEG sampling/progressive/arithmetic/ICC/EXIF/CMYK/YCCK,
 * TIFF photometric × compression × orientation × planar × extra samples, BMP and GIF variants) with what Pillow's
 * {@code Image.open(f).convert("RGB")} gives for each, and says what we must do with it: the same pixels, a documented
 * deliberate difference (16-bit and float grey stretched), or a refusal naming the file and the reason. Each file is
 * decoded here as the model sees it; nothing may be printed while decoding. The table is in docs/inputs.md.
 */
class PixelCorpusTest {
    /** A guard against a decoder that hangs on a damaged file, not a timing: each file takes milliseconds. */
    private static final Duration HANG = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static List<JsonObject> cases;

    @BeforeAll
    static void writeCorpus() throws IOException {
        Pillow.requirePython();
        Pillow.runTool(dir, Path.of("tools", "pixel_corpus.py").toAbsolutePath().toString(), dir.toString());
        JsonObject manifest = JsonParser.parseString(Files.readString(dir.resolve("manifest.json"))).getAsJsonObject();
        cases = new ArrayList<>();
        manifest.getAsJsonArray("cases").forEach(c -> cases.add(c.getAsJsonObject()));
    }

    @TestFactory
    Stream<DynamicTest> everyVariantGivesPillowsPixelsOrIsRefusedByName() {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("file").getAsString() + " ("
                + c.get("variant").getAsString() + ")", () -> assertTimeoutPreemptively(HANG, () -> check(c),
                        "a decoder that never returns (ImageJ looped in a cut Deflate strip)")));
    }

    private static void check(JsonObject c) throws IOException {
        String name = c.get("file").getAsString();
        Path file = dir.resolve(name);
        String expect = c.get("expect").getAsString();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream err = System.err;
        PrintStream out = System.out;
        ImagePlus imp = null;
        InvalidInputException refusal = null;
        try {
            System.setErr(new PrintStream(printed, true));
            System.setOut(new PrintStream(printed, true));
            imp = PlainImageReader.read(file);
        } catch (InvalidInputException e) {
            refusal = e;
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        assertEquals("", printed.toString(), name + ": nothing printed while decoding");
        if (expect.equals("refused")) {
            if (refusal == null) {
                fail(name + ": should be refused (" + c.get("reason").getAsString() + "), but was decoded");
            }
            String reason = c.get("reason").getAsString();
            assertTrue(refusal.getMessage().startsWith(file + ": "), "names the file: " + refusal.getMessage());
            String why = refusal.getMessage().substring(file.toString().length()); // the file's name says nothing
            assertTrue(why.toLowerCase(Locale.ROOT).contains(reason), "says '" + reason + "': " + refusal.getMessage());
            return;
        }
        if (refusal != null) {
            fail(name + ": refused: " + refusal.getMessage());
        }
        byte[] expected = Files.readAllBytes(dir.resolve(name + (expect.equals("ours") ? ".ours.rgb" : ".pillow.rgb")));
        int tolerance = c.has("max") ? c.get("max").getAsInt() : 0;
        assertEquals(c.get("width").getAsInt(), imp.getWidth(), name + ": width");
        assertEquals(c.get("height").getAsInt(), imp.getHeight(), name + ": height");
        int[] ours = modelRgb(imp);
        int worst = 0;
        int at = -1;
        for (int i = 0; i < ours.length; i++) {
            for (int ch = 0; ch < 3; ch++) {
                int d = Math.abs((ours[i] >> (16 - 8 * ch) & 0xff) - (expected[3 * i + ch] & 0xff));
                if (d > worst) {
                    worst = d;
                    at = i;
                }
            }
        }
        if (worst > tolerance) {
            int w = imp.getWidth();
            fail(String.format("%s: largest difference %d (allowed %d) at x=%d y=%d: ours %06x, %s %02x%02x%02x", name,
                    worst, tolerance, at % w, at / w, ours[at] & 0xffffff, expect.equals("ours") ? "expected"
                    : "Pillow", expected[3 * at], expected[3 * at + 1], expected[3 * at + 2]));
        }
    }

    /** What the preprocessing reads from a decoded image, as packed RGB (grey in all three channels). */
    static int[] modelRgb(ImagePlus imp) {
        int n = imp.getWidth() * imp.getHeight();
        int[][] planes = new int[3][];
        if (imp.isComposite() && imp.getNChannels() == 3) {
            for (int c = 0; c < 3; c++) {
                planes[c] = GreyLevels.to8Bit(((CompositeImage) imp).getStack().getProcessor(c + 1));
            }
        } else {
            ImageProcessor ip = imp.getProcessor();
            if (ip.getBitDepth() == 24) {
                return ((int[]) ip.getPixels()).clone();
            }
            if (ip.getBitDepth() == 8) {
                assertTrue(ip.isDefaultLut(), imp.getTitle() + ": an 8-bit image is read as raw values, so its table "
                        + "must be the grey ramp");
            }
            int[] grey = GreyLevels.to8Bit(ip);
            planes = new int[][] {grey, grey, grey};
        }
        int[] rgb = new int[n];
        for (int i = 0; i < n; i++) {
            rgb[i] = 0xff000000 | planes[0][i] << 16 | planes[1][i] << 8 | planes[2][i];
        }
        return rgb;
    }
}
