package nero.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import nero.core.InvalidInputException;
import nero.io.Fixtures;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.source.ImageSources;
import nero.io.video.Ffmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JPEGs decoded at reduced DCT size for a model input, and the files that must go to the exact reader instead. */
class ReducedJpegTest {
    @TempDir
    static Path dir;

    @Test
    void theScaleKeepsBothSidesAtLeastTheModelInput() {
        assertEquals(2, ReducedJpeg.lowres(1920, 1072, 224, 224)); // 480×268
        assertEquals(2, ReducedJpeg.lowres(1280, 1024, 224, 224)); // 320×256
        assertEquals(1, ReducedJpeg.lowres(720, 576, 224, 224)); // 360×288
        assertEquals(0, ReducedJpeg.lowres(400, 400, 224, 224));
        assertEquals(3, ReducedJpeg.lowres(4000, 3000, 224, 224)); // at most an eighth
        assertEquals(1, ReducedJpeg.lowres(447, 447, 224, 224)); // 224 after rounding up
    }

    /** With no reduction, FFmpeg's planes through our libjpeg-style upsampling and colour conversion ≈ libjpeg's RGB. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"yuvj444p", "yuvj422p", "yuvj420p"})
    void fullSizePlanesConvertLikeLibjpeg(String pixelFormat) throws Exception {
        Ffmpeg.require("mjpeg");
        Path jpeg = Ffmpeg.writeStill(dir.resolve("colour-" + pixelFormat + ".jpg"), "203x151", pixelFormat);
        byte[] bytes = Files.readAllBytes(jpeg);
        ImagePlus ours = ReducedJpeg.decodeAt(bytes, 0, "ours");
        assertNotNull(ours, pixelFormat);
        int[] a = (int[]) ours.getProcessor().getPixels();
        BufferedImage libjpeg = ImageIO.read(jpeg.toFile()); // IJG libjpeg: fancy upsampling, islow IDCT
        double[] d = difference(a, libjpeg);
        // the inverse DCTs differ in their last bit (FFmpeg's and libjpeg's); upsampling by repetition would give
        // a mean of several levels on testsrc2's colour edges
        System.out.printf("%s full-size planes vs libjpeg: mean %.3f, max %.0f%n", pixelFormat, d[0], d[1]);
        assertTrue(d[0] < 0.1 && d[1] <= 6, pixelFormat + ": mean " + d[0] + ", max " + d[1]);
    }

    private static double[] difference(int[] a, BufferedImage b) {
        long sum = 0;
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            int q = b.getRGB(i % b.getWidth(), i / b.getWidth());
            for (int shift = 0; shift <= 16; shift += 8) {
                int d = Math.abs((a[i] >> shift & 0xff) - (q >> shift & 0xff));
                sum += d;
                max = Math.max(max, d);
            }
        }
        return new double[] {sum / (3.0 * a.length), max};
    }

    @Test
    void theDecodedImageKeepsTwiceTheModelInputPerSide() throws Exception {
        Ffmpeg.require("mjpeg");
        Path jpeg = Ffmpeg.writeStill(dir.resolve("margin.jpg"), "1920x1072", "yuvj420p");
        byte[] bytes = Files.readAllBytes(jpeg);
        assertEquals(960, ReducedJpeg.decode(bytes, 224, 224, "m").getWidth()); // not 480: 268 < 2 × 224
        assertEquals(480, ReducedJpeg.decode(bytes, 112, 112, "m").getWidth());
        assertNull(ReducedJpeg.decode(bytes, 600, 600, "m"), "no reduction keeps 1200 × 1200");
    }

    /**
     * An embedded ICC profile changes no pixel at any size: Pillow's {@code convert("RGB")} ignores it, the reduced
     * decode never saw it, and the full decode used to convert from it (so the same photo scored differently below and
     * above the reduction threshold).
     */
    @Test
    void anIccProfileChangesNoPixelAtAnySize() throws Exception {
        Ffmpeg.require("mjpeg");
        Path plain = Ffmpeg.writeStill(dir.resolve("no-profile.jpg"), "960x900", "yuvj420p");
        Path icc = Files.write(dir.resolve("linear-profile.jpg"), withIccProfile(Files.readAllBytes(plain),
                java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_LINEAR_RGB).getData()));
        assertTrue(JpegHeader.hasIccProfile(icc));
        assertArrayEquals((int[]) PlainImageReader.read(plain).getProcessor().getPixels(),
                (int[]) PlainImageReader.read(icc).getProcessor().getPixels(), "full size");
        ImagePlus reduced = ModelInput.read(icc, 224, 224);
        assertEquals(480, reduced.getWidth(), "decoded at half size");
        assertArrayEquals((int[]) ModelInput.read(plain, 224, 224).getProcessor().getPixels(),
                (int[]) reduced.getProcessor().getPixels(), "reduced size");
        assertArrayEquals(Preprocessorless.resize(PlainImageReader.read(plain)),
                Preprocessorless.resize(PlainImageReader.read(icc)), "resized full decode");
    }

    /** The JPEG with an APP2 ICC_PROFILE segment (one chunk) after its JFIF segment, where JFIF puts it. */
    private static byte[] withIccProfile(byte[] jpeg, byte[] profile) {
        byte[] signature = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int length = 2 + signature.length + 2 + profile.length;
        int at = (jpeg[3] & 0xff) == 0xE0 ? 4 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff)) : 2;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        out.write(0xFF);
        out.write(0xE2);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(signature);
        out.write(1); // chunk 1
        out.write(1); // of 1
        out.writeBytes(profile);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    @Test
    void progressiveGreyAndSubsampledJpegsAreReducedAndCloseToTheFullDecode() throws Exception {
        Ffmpeg.require("mjpeg");
        List<Path> files = List.of(Ffmpeg.writeStill(dir.resolve("r420.jpg"), "960x900", "yuvj420p"),
                Ffmpeg.writeStill(dir.resolve("r422.jpg"), "960x900", "yuvj422p"),
                Ffmpeg.writeStill(dir.resolve("grey.jpg"), "960x900", "gray"),
                progressive(dir.resolve("progressive.jpg")));
        for (Path f : files) {
            ImagePlus reduced = ModelInput.read(f, 224, 224);
            ImagePlus full = PlainImageReader.read(f);
            assertEquals(full.getWidth() / 2, reduced.getWidth(), f.toString());
            int[] a = Preprocessorless.resize(reduced);
            int[] b = Preprocessorless.resize(full);
            double mean = 0;
            for (int i = 0; i < a.length; i++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    mean += Math.abs((a[i] >> shift & 0xff) - (b[i] >> shift & 0xff));
                }
            }
            mean /= 3.0 * a.length;
            assertTrue(mean < 2.0, f + ": mean difference after the resize " + mean);
        }
    }

    private static Path progressive(Path out) throws Exception {
        BufferedImage img = new BufferedImage(960, 900, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = img.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, java.awt.Color.RED, 960, 900, java.awt.Color.CYAN));
        g.fillRect(0, 0, 960, 900);
        g.dispose();
        javax.imageio.ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        javax.imageio.ImageWriteParam p = w.getDefaultWriteParam();
        p.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        try (javax.imageio.stream.ImageOutputStream os = ImageIO.createImageOutputStream(out.toFile())) {
            w.setOutput(os);
            w.write(null, new javax.imageio.IIOImage(img, null, null), p);
        }
        w.dispose();
        assertEquals(0xC2, sofMarker(Files.readAllBytes(out)), "progressive");
        return out;
    }

    private static int sofMarker(byte[] b) {
        for (int i = 2; i + 1 < b.length; i++) {
            int m = b[i + 1] & 0xff;
            if ((b[i] & 0xff) == 0xFF && m >= 0xC0 && m <= 0xC2) {
                return m;
            }
        }
        return -1;
    }

    @Test
    void filesTheReducedPathDoesNotTakeGoToTheExactReader() throws Exception {
        Ffmpeg.require("mjpeg");
        Path whole = Ffmpeg.writeStill(dir.resolve("whole.jpg"), "960x900", "yuvj420p");
        byte[] bytes = Files.readAllBytes(whole);
        assertNotNull(ReducedJpeg.decode(bytes, 224, 224, "whole"));
        // cut short: no end-of-image marker, so the exact reader decides (and refuses it as truncated)
        Path cut = Fixtures.truncate(whole, dir.resolve("cut.jpg"), bytes.length / 2);
        assertNull(ReducedJpeg.decode(Files.readAllBytes(cut), 224, 224, "cut"));
        assertThrows(InvalidInputException.class, () -> ModelInput.read(cut, 224, 224));
        // Adobe RGB (APP14 transform 0) and 4 components (CMYK) are not YCbCr
        assertNull(ReducedJpeg.Header.parse(withAdobeTransform(bytes, 0)));
        assertNotNull(ReducedJpeg.Header.parse(withAdobeTransform(bytes, 1)));
        // too small to shrink: the full decode
        Path small = Ffmpeg.writeStill(dir.resolve("small.jpg"), "300x300", "yuvj420p");
        assertNull(ReducedJpeg.decode(Files.readAllBytes(small), 224, 224, "small"));
        assertEquals(300, ModelInput.read(small, 224, 224).getWidth());
        // 4:4:0 (vertical subsampling only; ffmpeg's encoder cannot write it, so the header is patched) goes to the
        // exact reader
        assertNull(ReducedJpeg.Header.parse(withLumaSampling(bytes, 0x12)));
        assertNotNull(ReducedJpeg.Header.parse(withLumaSampling(bytes, 0x22)));
    }

    private static byte[] withLumaSampling(byte[] jpeg, int sampling) {
        byte[] out = jpeg.clone();
        for (int i = 2; i + 1 < out.length; i++) {
            if ((out[i] & 0xff) == 0xFF && (out[i + 1] & 0xff) == 0xC0) {
                out[i + 11] = (byte) sampling; // FF C0, length(2), precision, height(2), width(2), count, id, sampling
                return out;
            }
        }
        throw new IllegalStateException("no SOF0");
    }

    /** The JPEG with an Adobe APP14 segment inserted after SOI, saying {@code transform}. */
    private static byte[] withAdobeTransform(byte[] jpeg, int transform) {
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        byte[] out = new byte[jpeg.length + app14.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app14, 0, out, 2, app14.length);
        System.arraycopy(jpeg, 2, out, 2 + app14.length, jpeg.length - 2);
        return out;
    }

    @Test
    void exactModeDecodesInFullAndAnExplanationGetsTheScoresReducedInput() throws Exception {
        Ffmpeg.require("mjpeg");
        Path jpeg = Ffmpeg.writeStill(dir.resolve("modes.jpg"), "960x900", "yuvj420p");
        SourceItem item = onlyItem(jpeg);
        SourceItem.Pixels pixels = item.readPixels(224, 224);
        ImagePlus reduced = ModelInput.read(jpeg, 224, 224);
        assertEquals(480, reduced.getWidth());
        assertArrayEquals((int[]) reduced.getProcessor().getPixels(),
                (int[]) pixels.forModel().getProcessor().getPixels());
        System.setProperty(ModelInput.MODE_PROPERTY, "exact");
        try {
            assertEquals(960, ModelInput.read(jpeg, 224, 224).getWidth());
            assertEquals(960, item.readPixels(224, 224).forModel().getWidth());
        } finally {
            System.clearProperty(ModelInput.MODE_PROPERTY);
        }
        assertTrue(Arrays.equals((int[]) PlainImageReader.read(jpeg).getProcessor().getPixels(),
                (int[]) pixels.full().getProcessor().getPixels()), "the full image is the exact full decode");
    }

    private static SourceItem onlyItem(Path file) {
        try (ImageSource source = ImageSources.open(file)) {
            return source.iterator().next();
        }
    }

    /** The antialiased 224×224 squash resize without the model package (io must not depend on model). */
    private static final class Preprocessorless {
        static int[] resize(ImagePlus imp) {
            return (int[]) imp.getProcessor().convertToRGB().resize(224, 224, true).getPixels();
        }
    }
}
