package nero.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.Opener;
import ij.process.ImageProcessor;
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

/** The fast ImageIO path gives exactly what ImageJ's Opener gives: type, size, pixels and LUT. */
class ImageIoDecoderTest {
    private static final int W = 37;
    private static final int H = 29;

    @TempDir
    Path dir;

    @Test
    void realPhotographsMatchImageJAndTakeTheDirectPath() throws Exception {
        Path kvasir = Path.of("..", "shared", "data", "kvasir-frames");
        List<Path> jpegs;
        try (Stream<Path> s = Files.list(kvasir)) {
            jpegs = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        assertTrue(jpegs.size() >= 2, "Kvasir frames under " + kvasir.toAbsolutePath());
        for (Path jpeg : jpegs) {
            assertNotNull(PlainImageReader.readDirectly(jpeg), jpeg.toString());
            assertSameAsImageJ(jpeg);
        }
    }

    @Test
    void syntheticJpegPngBmpLayoutsMatchImageJ() throws Exception {
        List<Path> direct = new ArrayList<>();
        direct.add(write("rgb.jpg", "jpeg", noisy(BufferedImage.TYPE_3BYTE_BGR)));
        direct.add(writeJpeg("progressive.jpg", noisy(BufferedImage.TYPE_3BYTE_BGR), true));
        direct.add(write("grey.jpg", "jpeg", noisy(BufferedImage.TYPE_BYTE_GRAY)));
        direct.add(write("grey-content-rgb.jpg", "jpeg", greyContent(BufferedImage.TYPE_3BYTE_BGR)));
        direct.add(write("rgb.png", "png", noisy(BufferedImage.TYPE_3BYTE_BGR)));
        direct.add(write("rgba.png", "png", translucent()));
        direct.add(write("grey.png", "png", noisy(BufferedImage.TYPE_BYTE_GRAY)));
        direct.add(write("grey-content-rgb.png", "png", greyContent(BufferedImage.TYPE_3BYTE_BGR)));
        direct.add(write("rgb.bmp", "bmp", noisy(BufferedImage.TYPE_3BYTE_BGR)));
        for (Path p : direct) {
            assertNotNull(PlainImageReader.readDirectly(p), p + " should take the direct ImageIO path");
            assertSameAsImageJ(p);
        }
    }

    @Test
    void sixteenBitGreyAndTiffGoThroughImageJ() throws Exception {
        List<Path> viaImageJ = List.of(
                write("grey16.png", "png", noisy(BufferedImage.TYPE_USHORT_GRAY)),
                write("rgb.tif", "tiff", noisy(BufferedImage.TYPE_3BYTE_BGR)));
        for (Path p : viaImageJ) {
            assertNull(PlainImageReader.readDirectly(p), p + " should be left to ImageJ");
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

    private static void assertSameAsImageJ(Path file) {
        ImagePlus expected = new Opener().openImage(file.toString());
        ImagePlus actual = PlainImageReader.read(file);
        String what = file.getFileName().toString();
        assertNotNull(expected, what);
        assertEquals(expected.getType(), actual.getType(), what + " type");
        assertEquals(expected.getStackSize(), actual.getStackSize(), what + " slices");
        assertEquals(expected.getWidth(), actual.getWidth(), what);
        assertEquals(expected.getHeight(), actual.getHeight(), what);
        ImageProcessor e = expected.getProcessor();
        ImageProcessor a = actual.getProcessor();
        switch (expected.getBitDepth()) {
            case 24 -> assertArrayEquals(rgbOnly((int[]) e.getPixels()), rgbOnly((int[]) a.getPixels()), what + " pixels");
            case 8 -> {
                assertArrayEquals((byte[]) e.getPixels(), (byte[]) a.getPixels(), what + " pixels");
                assertArrayEquals(e.getLut().getBytes(), a.getLut().getBytes(), what + " LUT");
            }
            case 16 -> assertArrayEquals((short[]) e.getPixels(), (short[]) a.getPixels(), what + " pixels");
            default -> assertArrayEquals((float[]) e.getPixels(), (float[]) a.getPixels(), what + " pixels");
        }
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
