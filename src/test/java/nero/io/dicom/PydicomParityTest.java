package nero.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.io.ImageSource;
import nero.io.SourceItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pixel parity with pydicom 2.3 over a generated corpus: every photometric interpretation × planar configuration ×
 * transfer syntax the reader supports (RGB, YBR_FULL, YBR_FULL_422, YBR_PARTIAL_422, PALETTE COLOR with 8- and
 * 16-bit and segmented tables; Explicit/Implicit VR Little Endian, Explicit VR Big Endian, Deflated, RLE, JPEG
 * Baseline 4:4:4/4:2:2/4:2:0), single- and multi-frame, written by pydicom at test time, plus pydicom's own colour
 * sample files. The expected RGB and the tolerance of each object come from src/test/resources/dicom/pydicom_corpus.py
 * (pydicom's convert_color_space and apply_color_lut; ±1 where float32 rounding at exact halves can differ).
 */
class PydicomParityTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeCorpus() throws Exception {
        Pydicom.require();
        Path script = Path.of(System.getProperty("basedir", "."), "src/test/resources/dicom/pydicom_corpus.py");
        Pydicom.run(script, dir.toString());
    }

    @TestFactory
    List<DynamicTest> everyFrameOfEveryObjectDecodesToPydicomsRgb() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("manifest.tsv"));
        assertTrue(lines.size() >= 60, "corpus has " + lines.size() + " objects");
        for (String line : lines) {
            String[] cells = line.split("\t");
            Path file = dir.resolve(cells[0]); // absolute for pydicom's own samples
            int tolerance = Integer.parseInt(cells[1]);
            Path expected = dir.resolve(file.getFileName() + ".rgb");
            tests.add(DynamicTest.dynamicTest(file.getFileName() + " (" + cells[2] + ")",
                    () -> assertSameRgb(file, Files.readAllBytes(expected), tolerance)));
        }
        return tests;
    }

    private static void assertSameRgb(Path file, byte[] expected, int tolerance) {
        int worst = 0;
        int offset = 0;
        int frames = 0;
        try (ImageSource src = DicomReader.open(file)) {
            for (SourceItem item : src) {
                ImagePlus imp = item.read();
                assertEquals(ImagePlus.COLOR_RGB, imp.getType(), file + " frame " + (frames + 1));
                int[] px = (int[]) imp.getProcessor().getPixels();
                for (int v : px) {
                    for (int c = 0; c < 3; c++) {
                        int ours = v >> (16 - 8 * c) & 0xff;
                        worst = Math.max(worst, Math.abs(ours - (expected[offset++] & 0xff)));
                    }
                }
                frames++;
            }
        }
        assertEquals(expected.length, offset, file + ": pixel count over " + frames + " frame(s)");
        assertTrue(worst <= tolerance, file + ": largest channel difference from pydicom " + worst + " > " + tolerance);
    }
}
