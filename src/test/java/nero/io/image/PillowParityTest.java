package nero.io.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files whose pixels ImageJ (and a plain ImageIO read) get wrong are decoded to exactly what Pillow gives
 * torchvision: CMYK and YCCK JPEGs, JPEG-compressed and CMYK TIFFs, 16-bit RGB, palettes, 1-bit and min-is-white
 * images. Before this, they were scored from other pixels (mean differences of 40–160 of 255).
 */
class PillowParityTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeFixtures() throws Exception {
        Pillow.require();
        Pillow.python(dir, """
                import numpy as np
                from PIL import Image
                h, w = 47, 61
                y, x = np.mgrid[0:h, 0:w]
                rng = np.random.default_rng(5)
                a = np.stack([x * 4, y * 5, (x + y) * 2], -1) + rng.integers(0, 40, (h, w, 3))
                im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), 'RGB')
                im.save('base.png')
                im.convert('CMYK').save('cmyk.jpg', quality=90)
                im.save('jpeg.tif', compression='jpeg')
                im.convert('CMYK').save('cmyk.tif')
                q = im.quantize(32)
                for ext in ('png', 'gif', 'bmp', 'tif'):
                    q.save('palette.' + ext)
                im.convert('1').save('bilevel.png')
                frames = [q, im.rotate(90).quantize(32)]
                frames[0].save('animated.gif', save_all=True, append_images=frames[1:])
                """);
        Pillow.convert(dir, "base.png", "-colorspace", "CMYK", "ycck.jpg");
        Pillow.convert(dir, "base.png", "-evaluate", "multiply", "0.6", "-depth", "16", "PNG48:rgb16.png");
        Pillow.convert(dir, "base.png", "-evaluate", "multiply", "0.6", "-depth", "16", "-compress", "none", "rgb16.tif");
        Pillow.convert(dir, "base.png", "-colorspace", "gray", "-define", "quantum:polarity=min-is-white",
                "-compress", "none", "miniswhite.tif");
        Pillow.convert(dir, "base.png", "-depth", "16", "-compress", "zip", "-define", "tiff:predictor=2",
                "predictor16.tif");
    }

    @Test
    void awkwardLayoutsGivePillowsPixels() throws Exception {
        List<String> files = List.of("base.png", "cmyk.jpg", "ycck.jpg", "jpeg.tif", "cmyk.tif", "rgb16.png",
                "rgb16.tif", "palette.png", "palette.gif", "palette.bmp", "palette.tif", "bilevel.png", "miniswhite.tif",
                "animated.gif");
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(printed, true));
            System.setOut(new PrintStream(printed, true));
            for (String name : files) {
                Path file = dir.resolve(name);
                ImagePlus imp = PlainImageReader.read(file);
                assertEquals(1, imp.getStackSize(), name + ": one image (a GIF's first frame)");
                assertSamePixels(name, Pillow.rgb(file), imp.getProcessor());
            }
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        assertEquals("", printed.toString(), "nothing printed while decoding");
    }

    @Test
    void aLayoutNeitherDecoderReadsIsRefusedByName() {
        Path file = dir.resolve("predictor16.tif");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PlainImageReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": unsupported TIFF layout (3 × 16-bit samples"), e.getMessage());
        assertTrue(e.getMessage().contains("predictor 2"), e.getMessage());
    }

    /** What the preprocessing reads: RGB values, or for 8-bit images the raw value in all three channels. */
    private static void assertSamePixels(String name, byte[] pillow, ImageProcessor ip) {
        int n = ip.getWidth() * ip.getHeight();
        assertEquals(pillow.length, 3 * n, name + ": size");
        int worst = 0;
        for (int i = 0; i < n; i++) {
            int[] rgb = new int[3];
            if (ip.getBitDepth() == 24) {
                int v = ((int[]) ip.getPixels())[i];
                rgb = new int[] {v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff};
            } else {
                assertTrue(ip.isDefaultLut(), name + ": an 8-bit image is read as raw values, so its table must be grey");
                int v = ((byte[]) ip.getPixels())[i] & 0xff;
                rgb = new int[] {v, v, v};
            }
            for (int c = 0; c < 3; c++) {
                worst = Math.max(worst, Math.abs(rgb[c] - (pillow[3 * i + c] & 0xff)));
            }
        }
        assertEquals(0, worst, name + ": largest difference from Pillow's pixels");
    }
}
