package nero.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Plot;
import ij.gui.Roi;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.LUT;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pictures written through the checked stream are the pictures ImageJ's savers wrote: the same pixels for
 * every kind of view (RGB with a burnt-in overlay, 8-bit with a colour table, plots, 32-bit as shown), a TIFF with the same pixels
 * and its overlay kept as ROIs.
 */
class ViewFilesTest {
    @TempDir
    Path dir;

    @Test
    void pngsHaveThePixelsImageJsSaverGave() throws Exception {
        for (ImagePlus image : List.of(rgbWithOverlay(), eightBitWithLut(), plot(), floatImage())) {
            Path ours = ViewFiles.png(image, dir.resolve("ours.png"));
            Path imagej = dir.resolve("imagej.png");
            ImagePlus flat = image.getOverlay() != null ? image.flatten() : image;
            assertTrue(new FileSaver(flat).saveAsPng(imagej.toString()));
            assertArrayEquals(argb(imagej), argb(ours), image.getTitle());
        }
    }

    @Test
    void tiffsAreImageJsTiffWithTheOverlayKept() throws Exception {
        ImagePlus image = rgbWithOverlay();
        Path ours = ViewFiles.tiff(image, dir.resolve("ours.tif"));
        Path imagej = dir.resolve("imagej.tif");
        assertTrue(new FileSaver(image).saveAsTiff(imagej.toString()));
        ImagePlus expected = new Opener().openImage(imagej.toString());
        ImagePlus back = new Opener().openImage(ours.toString());
        // ImageJ's in-memory TIFF also stores the image's title: the pixels and the overlay are what count
        assertArrayEquals((int[]) expected.getProcessor().getPixels(), (int[]) back.getProcessor().getPixels());
        assertNotNull(back.getOverlay());
        assertEquals(expected.getOverlay().size(), back.getOverlay().size());
        assertEquals(expected.getOverlay().get(0).getBounds(), back.getOverlay().get(0).getBounds());
    }

    private static int[] argb(Path png) throws Exception {
        BufferedImage b = ImageIO.read(png.toFile());
        return b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth());
    }

    private static ImagePlus rgbWithOverlay() {
        Random random = new Random(3);
        ColorProcessor cp = new ColorProcessor(64, 48);
        for (int i = 0; i < 64 * 48; i++) {
            cp.set(i, random.nextInt(1 << 24));
        }
        ImagePlus image = new ImagePlus("rgb with overlay", cp);
        Roi roi = new Roi(5, 5, 20, 10);
        roi.setStrokeColor(java.awt.Color.YELLOW);
        image.setOverlay(new Overlay(roi));
        return image;
    }

    private static ImagePlus eightBitWithLut() {
        ByteProcessor bp = new ByteProcessor(32, 16);
        for (int i = 0; i < 32 * 16; i++) {
            bp.set(i, i % 256);
        }
        bp.setLut(LUT.createLutFromColor(java.awt.Color.RED));
        return new ImagePlus("8-bit with a colour table", bp);
    }

    private static ImagePlus floatImage() {
        FloatProcessor fp = new FloatProcessor(20, 10);
        for (int i = 0; i < 200; i++) {
            fp.setf(i, i * 0.5f - 20);
        }
        fp.resetMinAndMax();
        return new ImagePlus("32-bit", fp);
    }

    private static ImagePlus plot() {
        Plot plot = new Plot("plot", "x", "y");
        plot.add("line", new double[] {0, 1, 2, 3}, new double[] {1, 3, 2, 4});
        ImagePlus image = plot.getImagePlus();
        image.setTitle("plot");
        return image;
    }
}
