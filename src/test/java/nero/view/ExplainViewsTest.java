package nero.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.TextRoi;
import ij.process.ByteProcessor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import nero.core.explain.NeuronRelevanceProfile;
import nero.core.explain.RelevanceHistogram;
import nero.core.explain.SpatialMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainViewsTest {
    @TempDir
    Path dir;

    private static ImagePlus grey(int w, int h) {
        ByteProcessor ip = new ByteProcessor(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ip.set(x, y, (x + y) % 256);
            }
        }
        return new ImagePlus("sample", ip);
    }

    private static SpatialMap peakAt(int y, int x) {
        double[] v = new double[49];
        v[y * 7 + x] = 3.0;
        v[0] = -1.0;
        return new SpatialMap(7, 7, v);
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, "not an image: " + file);
        return img;
    }

    @Test
    void heatmapOverlayIsWrittenAtImageSizeWithItsRoisKept() throws IOException {
        ImagePlus over = HeatmapOverlay.render(grey(224, 200), peakAt(5, 1), HeatmapLut.DIVERGING, "deviation");
        Path png = ViewFiles.png(over, dir.resolve("deviation.png"));
        Path tif = ViewFiles.tiff(over, dir.resolve("deviation.tif"));
        BufferedImage img = read(png);
        assertEquals(224, img.getWidth());
        assertEquals(200, img.getHeight());

        ImagePlus back = IJ.openImage(tif.toString());
        assertEquals(224, back.getWidth());
        Overlay ov = back.getOverlay();
        assertNotNull(ov);
        long imageRois = Arrays.stream(ov.toArray()).filter(r -> r instanceof ImageRoi).count();
        assertEquals(2, imageRois, "heatmap and colour bar");
    }

    @Test
    void divergingOverlayIsRedOnThePositivePeak() throws IOException {
        ImagePlus over = HeatmapOverlay.render(grey(224, 224), peakAt(5, 1), HeatmapLut.DIVERGING, "", 1.0);
        BufferedImage img = read(ViewFiles.png(over, dir.resolve("peak.png")));
        int rgb = img.getRGB(1 * 32 + 16, 5 * 32 + 16);
        int r = (rgb >> 16) & 0xff;
        int b = rgb & 0xff;
        assertTrue(r > 200 && b < 100, "peak colour " + Integer.toHexString(rgb));
    }

    @Test
    void aPercentileRangeKeepsOneOutlierFromSettingTheColourScale() {
        double[] v = new double[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 2 == 0 ? i / 10.0 : -i / 10.0;
        }
        v[99] = 1000;
        SpatialMap map = new SpatialMap(10, 10, v);
        ImagePlus full = HeatmapOverlay.render(grey(50, 50), map, HeatmapLut.DIVERGING, "", 0.5, 100);
        ImagePlus clipped = HeatmapOverlay.render(grey(50, 50), map, HeatmapLut.DIVERGING, "", 0.5, 99);
        assertEquals("1.00e+03", ((TextRoi) full.getOverlay().get(2)).getText().trim());
        assertEquals("9.80", ((TextRoi) clipped.getOverlay().get(2)).getText().trim());
    }

    @Test
    void plotsRenderHeadlessAtTheirSize() throws IOException {
        Random rnd = new Random(5);
        int d = 64;
        double[] rel = new double[d + 1];
        double[] cen = new double[d + 1];
        double[] act = new double[d];
        for (int j = 0; j <= d; j++) {
            rel[j] = rnd.nextGaussian() * 0.01;
            cen[j] = rnd.nextGaussian() * 0.01;
        }
        for (int j = 0; j < d; j++) {
            act[j] = Math.abs(rnd.nextGaussian());
        }
        NeuronRelevanceProfile p = new NeuronRelevanceProfile(rel, cen, act);
        Path profile = ViewFiles.png(RelevancePlots.profile(p, "normal", 20).getImagePlus(),
                dir.resolve("profile.png"));
        Path hist = ViewFiles.png(RelevancePlots.histogram(
                RelevanceHistogram.of(p.neuronRelevance(), p.neuronCentroid(), 20), "normal").getImagePlus(),
                dir.resolve("histogram.png"));
        double[][] pts = new double[60][2];
        int[] labels = new int[60];
        for (int i = 0; i < 60; i++) {
            labels[i] = i % 3;
            pts[i][0] = labels[i] * 3 + rnd.nextGaussian();
            pts[i][1] = rnd.nextGaussian();
        }
        Path scatter = ViewFiles.png(RelevancePlots.relevanceSpace(pts, labels, List.of("a", "b", "c"),
                new double[][] {{0, 0}, {3, 0}, {6, 0}}, new int[] {0, 1, 2}, new double[] {10, 4}, "sample.png").getImagePlus(),
                dir.resolve("space.png"));
        for (Path f : List.of(profile, hist)) {
            BufferedImage img = read(f);
            assertEquals(RelevancePlots.WIDTH, img.getWidth(), f.toString());
            assertEquals(RelevancePlots.HEIGHT, img.getHeight(), f.toString());
        }
        BufferedImage s = read(scatter);
        assertEquals(RelevancePlots.WIDTH, s.getWidth());
        assertEquals(RelevancePlots.WIDTH * 3 / 4, s.getHeight());
    }

    @Test
    void topNeuronsTableIsWrittenAsCsvInTableOrder() throws IOException {
        NeuronRelevanceProfile p = new NeuronRelevanceProfile(new double[] {0.1, -0.3, 0.5, 0.0},
                new double[] {0.2, 0.1, 0.15, 0.0}, new double[] {1, 2, 3});
        Path csv = ViewFiles.csv(TopNeuronsTable.create(p.topDeviations(3)), dir.resolve("top.csv"));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("neuron,relevance,centroid_relevance,activation,contribution", lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).startsWith("1,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("2,"), lines.get(2));
        assertTrue(lines.get(3).startsWith("0,"), lines.get(3));
    }

    @Test
    void montageTilesTheImagesWithCaptions() throws IOException {
        List<ImagePlus> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tiles.add(HeatmapOverlay.render(grey(100 + 20 * i, 80), peakAt(i, i), HeatmapLut.SEQUENTIAL, "total"));
            captions.add("img" + i + " score " + i);
        }
        BufferedImage img = read(ViewFiles.png(OodMontage.create(tiles, captions, 3, 128), dir.resolve("m.png")));
        assertEquals(3 * 128, img.getWidth());
        assertEquals(2 * (128 + OodMontage.captionHeight(128)), img.getHeight());
    }

    @Test
    void montageCaptionsNeverRunIntoTheNextTile() throws IOException {
        List<ImagePlus> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tiles.add(grey(128, 128));
            captions.add("a-very-long-endoscopy-frame-name-from-the-archive-" + i + "  3.21  OOD");
        }
        ImagePlus montage = OodMontage.create(tiles, captions, 3, 128);
        int stripTop = 128;
        for (int x = 128 - OodMontage.CAPTION_MARGIN + 1; x < 128 + OodMontage.CAPTION_MARGIN - 1; x++) {
            for (int y = stripTop; y < montage.getHeight(); y++) {
                assertEquals(0, montage.getProcessor().get(x, y) & 0xffffff, "caption pixel at " + x + "," + y);
            }
        }
        ij.process.ColorProcessor canvas = new ij.process.ColorProcessor(10, 10);
        canvas.setFont(new java.awt.Font("SansSerif", java.awt.Font.PLAIN, OodMontage.fontSize(128)));
        String fitted = OodMontage.fitted(captions.get(0), canvas, 122);
        assertTrue(fitted.endsWith("-0  3.21  OOD") && fitted.contains("…"), fitted);
        assertTrue(fitted.startsWith("a-ver"), fitted);
        assertTrue(canvas.getStringWidth(fitted) <= 122, fitted);
        assertEquals("short  1  ID", OodMontage.fitted("short  1  ID", canvas, 122));
    }
}
