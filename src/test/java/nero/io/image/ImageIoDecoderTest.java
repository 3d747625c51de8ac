package nero.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.Opener;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For the common layouts the file path (ImageIO, Pillow's rules) gives the pixels ImageJ's {@code Opener} (Fiji's
 * File › Open) shows, so an image scored as a file and the same image open in Fiji agree. The layouts where ImageJ
 * differs from Pillow (alpha composited onto white, TIFF orientation, …) are held against Pillow in PixelCorpusTest.
 */
class ImageIoDecoderTest {
    private static final int W = 37;
    private static final int H = 29;

    @TempDir
    Path dir;

    @Test
    void realPhotographsMatchImageJ() throws Exception {
        Path kvasir = Path.of("..", "shared", "data", "kvasir-frames");
        List<Path> jpegs;
        try (Stream<Path> s = Files.list(kvasir)) {
            jpegs = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        assertTrue(jpegs.size() >= 2, "Kvasir frames under " + kvasir.toAbsolutePath());
        for (Path jpeg : jpegs) {
            assertSameAsImageJ(jpeg);
        }
    }

    @Test
    void commonJpegPngBmpTiffLayoutsMatchImageJ() throws Exception {
        List<Path> files = new ArrayList<>();
        files.add(write("rgb.jpg", "jpeg", noisy(BufferedImage.TYPE_3BYTE_BGR)));
        files.add(writeJpeg("progressive.jpg", noisy(BufferedImage.TYPE_3BYTE_BGR), true));
        files.add(write("grey.jpg", "jpeg", noisy(BufferedImage.TYPE_BYTE_GRAY)));
        files.add(write("grey-content-rgb.jpg", "jpeg", greyContent(BufferedImage.TYPE_3BYTE_BGR)));
        files.add(write("rgb.png", "png", noisy(BufferedImage.TYPE_3BYTE_BGR)));
        files.add(write("grey.png", "png", noisy(BufferedImage.TYPE_BYTE_GRAY)));
        files.add(write("grey-content-rgb.png", "png", greyContent(BufferedImage.TYPE_3BYTE_BGR)));
        files.add(write("rgb.bmp", "bmp", noisy(BufferedImage.TYPE_3BYTE_BGR)));
        files.add(write("grey16.png", "png", noisy(BufferedImage.TYPE_USHORT_GRAY)));
        files.add(write("rgb.tif", "tiff", noisy(BufferedImage.TYPE_3BYTE_BGR)));
        files.add(write("grey16.tif", "tiff", noisy(BufferedImage.TYPE_USHORT_GRAY)));
        for (Path p : files) {
            assertSameAsImageJ(p);
        }
    }

    /** ImageJ opens palettes as indices with a colour table; they are read as the colours ImageJ shows. */
    @Test
    void palettesAreReadAsTheColoursImageJShows() throws Exception {
        for (Path p : List.of(write("palette.png", "png", palette()), write("palette.bmp", "bmp", palette()),
                write("palette.gif", "gif", palette()))) {
            ImagePlus shown = new Opener().openImage(p.toString());
            assertEquals(8, shown.getBitDepth(), p + " opens in ImageJ as indices");
            assertTrue(shown.getProcessor().isColorLut(), p + " opens in ImageJ with a colour table");
            ImagePlus read = PlainImageReader.read(p);
            assertEquals(ImagePlus.COLOR_RGB, read.getType(), p.toString());
            assertArrayEquals(rgbOnly((int[]) shown.getProcessor().convertToRGB().getPixels()),
                    rgbOnly((int[]) read.getProcessor().getPixels()), p + " pixels");
        }
    }

    /** The same size and the same pixels as the model reads them (RGB, or grey in all three channels). */
    private static void assertSameAsImageJ(Path file) {
        ImagePlus expected = new Opener().openImage(file.toString());
        ImagePlus actual = PlainImageReader.read(file);
        String what = file.getFileName().toString();
        assertNotNull(expected, what);
        assertEquals(expected.getStackSize(), actual.getStackSize(), what + " slices");
        assertEquals(expected.getWidth(), actual.getWidth(), what);
        assertEquals(expected.getHeight(), actual.getHeight(), what);
        assertArrayEquals(PixelCorpusTest.modelRgb(expected), PixelCorpusTest.modelRgb(actual), what + " pixels");
    }

    private static int[] rgbOnly(int[] argb) {
        int[] rgb = new int[argb.length];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = argb[i] & 0xffffff;
        }
        return rgb;
    }

    private static BufferedImage noisy(int type) {
        BufferedImage bi = new BufferedImage(W, H, type);
        Random random = new Random(7);
        var raster = bi.getRaster();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int b = 0; b < raster.getNumBands(); b++) {
                    int max = type == BufferedImage.TYPE_USHORT_GRAY ? 65535 : 255;
                    raster.setSample(x, y, b, (x * 7 + y * 5 + b * 60 + random.nextInt(40)) * max / 400);
                }
            }
        }
        return bi;
    }

    private static BufferedImage greyContent(int type) {
        BufferedImage bi = new BufferedImage(W, H, type);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int v = (x * 6 + y * 3) & 0xff;
                bi.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return bi;
    }

    private static BufferedImage translucent() {
        BufferedImage bi = new BufferedImage(W, H, BufferedImage.TYPE_4BYTE_ABGR);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int alpha = (x * 255 / (W - 1)) & 0xff;
                bi.setRGB(x, y, alpha << 24 | (y * 8 & 0xff) << 16 | 0x40 << 8 | (x * 5 & 0xff));
            }
        }
        return bi;
    }

    private static BufferedImage palette() {
        byte[] r = new byte[16];
        byte[] g = new byte[16];
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            r[i] = (byte) (i * 16);
            g[i] = (byte) (255 - i * 9);
            b[i] = (byte) (i * 5);
        }
        BufferedImage bi = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 16, r, g, b));
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                bi.getRaster().setSample(x, y, 0, (x + y) % 16);
            }
        }
        return bi;
    }

    private Path write(String name, String format, BufferedImage image) throws IOException {
        Path p = dir.resolve(name);
        assertTrue(ImageIO.write(image, format, p.toFile()), "no ImageIO writer for " + name);
        return p;
    }

    private Path writeJpeg(String name, BufferedImage image, boolean progressive) throws IOException {
        Path p = dir.resolve(name);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        try (ImageOutputStream out = ImageIO.createImageOutputStream(p.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return p;
    }
}
