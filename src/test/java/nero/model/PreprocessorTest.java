package nero.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import nero.core.InvalidInputException;
import nero.core.Preprocessing;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import org.junit.jupiter.api.Test;

class PreprocessorTest {
    private static final Preprocessing P224 = Preprocessing.imagenet(224);

    /** torchvision Resize((224,224)) on PIL vs ours on the same JPEGs (decoded by ImageJ, not libjpeg). */
    @Test
    void resizeMatchesTorchvisionOnRealPhotographs() throws IOException {
        List<Path> jpegs = kvasirJpegs();
        assertEquals(4, jpegs.size());
        double worstMean = 0;
        Preprocessor preprocessor = new Preprocessor(P224);
        for (Path jpeg : jpegs) {
            ImagePlus photo = IJ.openImage(jpeg.toString());
            assertNotNull(photo, jpeg.toString());
            String stem = jpeg.getFileName().toString().replace(".jpg", "");
            ImagePlus reference = IJ.openImage(Fixtures.model("resize-" + stem + ".png").toString());
            int[] expected = (int[]) reference.getProcessor().convertToRGB().getPixels();
            int[] argb = (int[]) photo.getProcessor().convertToRGB().getPixels();
            int[] ours = Preprocessor.resizeArgb(argb, photo.getWidth(), photo.getHeight(), 224, 224);
            double meanAbs = meanAbsDifference(expected, ours);
            worstMean = Math.max(worstMean, meanAbs);
            System.out.printf("resize parity %s: mean |ours − torchvision| = %.4f/255%n", stem, meanAbs);
            assertTrue(meanAbs <= 2.0, stem + ": mean abs difference " + meanAbs + "/255");
            ImagePlus viaImageIo = LabelledImageFiles.readWithImageIo(jpeg);
            int[] imageIoArgb = (int[]) viaImageIo.getProcessor().getPixels();
            double imageIoDiff = meanAbsDifference(expected,
                    Preprocessor.resizeArgb(imageIoArgb, photo.getWidth(), photo.getHeight(), 224, 224));
            System.out.printf("resize parity %s (ImageIO decode): %.3f/255%n", stem, imageIoDiff);
            assertTrue(imageIoDiff <= 2.0);

            float[] tensor = preprocessor.toTensor(photo);
            float[] referenceTensor = preprocessor.toTensor(expected, 224, 224);
            assertEquals(3 * 224 * 224, tensor.length);
            double tensorDiff = 0;
            for (int i = 0; i < tensor.length; i++) {
                tensorDiff += Math.abs(tensor[i] - referenceTensor[i]) * P224.std()[i / (224 * 224)];
            }
            assertTrue(tensorDiff / tensor.length * 255 <= 2.0);
        }
        System.out.printf("resize parity: worst mean abs difference over 4 photographs = %.3f/255%n", worstMean);
    }

    @Test
    void identityResizeAndNormalisationMatchToTensorNormalize() {
        ColorProcessor cp = new ColorProcessor(4, 2);
        cp.set(0, 0, 0xff102030);
        cp.set(3, 1, 0xffffffff);
        Preprocessor pre = new Preprocessor(new Preprocessing(4, 2, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.25f, 0.125f}));
        float[] t = pre.toTensor(new ImagePlus("rgb", cp));
        assertEquals((0x10 / 255f - 0.5f) / 0.5f, t[0], 1e-6);
        assertEquals((0x20 / 255f - 0.5f) / 0.25f, t[8], 1e-6);
        assertEquals((0x30 / 255f - 0.5f) / 0.125f, t[16], 1e-6);
        assertEquals((1f - 0.5f) / 0.125f, t[23], 1e-6);
        assertEquals(-4f, t[17], 1e-6); // black pixel, blue channel
    }

    @Test
    void constantImageStaysConstantAfterResize() {
        int[] grey = new int[37 * 23];
        Arrays.fill(grey, 200);
        for (int v : PilResize.resize(grey, 37, 23, 224, 224)) {
            assertEquals(200, v);
        }
        for (int v : PilResize.resize(grey, 37, 23, 5, 3)) {
            assertEquals(200, v);
        }
    }

    @Test
    void greyIsCopiedToThreeChannelsAnd16BitIsStretchedMinToMax() {
        Preprocessing p = new Preprocessing(2, 1, new float[] {0, 0, 0}, new float[] {1, 1, 1});
        Preprocessor pre = new Preprocessor(p);
        ShortProcessor sp = new ShortProcessor(2, 1);
        sp.set(0, 0, 1000);
        sp.set(1, 0, 3000);
        float[] t = pre.toTensor(new ImagePlus("16-bit", sp));
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 1}, t, 1e-6f);
        ByteProcessor bp = new ByteProcessor(2, 1);
        bp.set(0, 0, 51);
        bp.set(1, 0, 255);
        assertArrayEquals(new float[] {0.2f, 1, 0.2f, 1, 0.2f, 1}, pre.toTensor(new ImagePlus("8-bit", bp)), 1e-6f);
    }

    @Test
    void stackUsesTheCurrentSlice() {
        Preprocessor pre = new Preprocessor(new Preprocessing(1, 1, new float[] {0, 0, 0}, new float[] {1, 1, 1}));
        ImageStack stack = new ImageStack(1, 1);
        for (int v : new int[] {10, 20, 30}) {
            ByteProcessor bp = new ByteProcessor(1, 1);
            bp.set(0, 0, v);
            stack.addSlice(bp);
        }
        ImagePlus imp = new ImagePlus("stack", stack);
        imp.setSlice(2);
        assertEquals(20 / 255f, pre.toTensor(imp)[0], 1e-6);
    }

    @Test
    void imgLib2ImagesGiveTheSameTensorAsImagePlus() {
        Preprocessor pre = new Preprocessor(new Preprocessing(5, 4, Preprocessing.IMAGENET_MEAN, Preprocessing.IMAGENET_STD));
        int w = 9;
        int h = 7;
        byte[] r = new byte[w * h];
        byte[] g = new byte[w * h];
        byte[] b = new byte[w * h];
        ColorProcessor cp = new ColorProcessor(w, h);
        for (int i = 0; i < w * h; i++) {
            r[i] = (byte) (i * 3);
            g[i] = (byte) (255 - i);
            b[i] = (byte) (i * 7);
            cp.set(i, (r[i] & 0xff) << 16 | (g[i] & 0xff) << 8 | b[i] & 0xff);
        }
        byte[] xyc = new byte[3 * w * h];
        System.arraycopy(r, 0, xyc, 0, w * h);
        System.arraycopy(g, 0, xyc, w * h, w * h);
        System.arraycopy(b, 0, xyc, 2 * w * h, w * h);
        ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(xyc, w, h, 3);
        assertArrayEquals(pre.toTensor(new ImagePlus("rgb", cp)), pre.toTensor(img), 1e-6f);

        ArrayImg<UnsignedByteType, ByteArray> grey = ArrayImgs.unsignedBytes(r.clone(), w, h);
        ByteProcessor bp = new ByteProcessor(w, h, r.clone());
        assertArrayEquals(pre.toTensor(new ImagePlus("grey", bp)), pre.toTensor(grey), 1e-6f);

        assertThrows(InvalidInputException.class, () -> pre.toTensor(ArrayImgs.floats(4, 4, 2)));
    }

    private static double meanAbsDifference(int[] a, int[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs((a[i] >> shift & 0xff) - (b[i] >> shift & 0xff));
            }
        }
        return sum / (3.0 * a.length);
    }

    static List<Path> kvasirJpegs() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Fixtures.shared("data", "kvasir-frames"), "*.jpg")) {
            dir.forEach(files::add);
        }
        files.sort(null);
        return files;
    }
}
