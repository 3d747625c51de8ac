package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import nero.app.Reports;
import nero.io.DecodeMode;
import nero.io.source.OpenImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * One image, one score: the same pixels scored as a file (the command line's path), as the same file open in ImageJ
 * (the current image), as 8-bit, 16-bit, 32-bit or RGB grey, and in the detector's decode mode whatever
 * {@code -Dnero.decode} says at scoring time. Exact equality: the paths must decode to the same model input.
 */
class OneImageOneScoreTest {
    static Context context;
    static CommandService commands;
    @TempDir
    static Path dir;
    static Path detector;
    /** A JPEG large enough (4× the sample model's 64-pixel input) to be decoded at reduced size. */
    static Path bigJpeg;

    @BeforeAll
    static void fitOnce() throws Exception {
        TestData.requireSampleData();
        context = new Context(CommandService.class);
        commands = context.service(CommandService.class);
        detector = dir.resolve("detector.json");
        run(FitDetectorCommand.class, "model", TestData.MODEL.toFile(), "train_dir",
                TestData.SAMPLE.resolve("id/train").toFile(), "detector", detector.toFile());
        ImagePlus sample = IJ.openImage(TestData.SAMPLE.resolve("ood/bleeding/bleeding-000.jpg").toString());
        ImageProcessor big = sample.getProcessor().resize(320, 288, true);
        bigJpeg = dir.resolve("big.jpg");
        FileSaver.setJpegQuality(90);
        assertTrue(new FileSaver(new ImagePlus("big", big)).saveAsJpeg(bigJpeg.toString()));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.dispose();
        }
    }

    static CommandModule run(Class<?> command, Object... keyValues) throws Exception {
        return HeadlessCommands.run(commands, command, keyValues);
    }

    static double scoreOfFile(Path file) throws Exception {
        return ((Reports.Score) run(ScoreImagesCommand.class, "detector", detector.toFile(), "input",
                file.toString()).getOutput("report")).rows().get(0).neroScore();
    }

    static double scoreOf(ImagePlus image) throws Exception {
        return ((Reports.Score) run(ScoreImagesCommand.class, "detector", detector.toFile(), "image", image)
                .getOutput("report")).rows().get(0).neroScore();
    }

    @Test
    void theDetectorRecordsTheDecodeModeOfItsFit() throws Exception {
        assertTrue(Files.readString(detector).contains("\"decode\":\"reduced\""));
    }

    @Test
    void aJpegOpenInImageJScoresAsTheSameFileGivenAsAPath() throws Exception {
        ImagePlus open = IJ.openImage(bigJpeg.toString());
        assertEquals(bigJpeg, OpenImages.unchangedFile(open));
        // before: the open image was decoded in full, the file at reduced size (about 1 % apart in features)
        assertEquals(scoreOfFile(bigJpeg), scoreOf(open), 0);
        // Explain runs the model once more for one image with its feature map: the same pixels, float-close outputs
        double file = scoreOfFile(bigJpeg);
        assertEquals(file, explainScore(open), 1e-6 * file, "Explain scores the current image as the file");
    }

    static double explainScore(ImagePlus image) throws Exception {
        ij.measure.ResultsTable row = (ij.measure.ResultsTable) run(ExplainImageCommand.class, "detector",
                detector.toFile(), "image", image).getOutput("results");
        return row.getValue("nero_score", 0);
    }

    @Test
    void anImageChangedSinceItWasOpenedIsScoredAsItIsShown() throws Exception {
        ImagePlus open = IJ.openImage(bigJpeg.toString());
        open.getProcessor().invert();
        assertNull(OpenImages.unchangedFile(open), "its pixels are no longer the file's");
        assertNotEquals(scoreOfFile(bigJpeg), scoreOf(open));
        ImagePlus made = new ImagePlus("made in ImageJ", new ByteProcessor(100, 100));
        assertNull(OpenImages.unchangedFile(made));
    }

    @Test
    void aTransparentPngOpenInImageJScoresAsTheFileWithoutCompositing() throws Exception {
        BufferedImage rgba = ImageIO.read(TestData.SAMPLE.resolve("ood/bleeding/bleeding-001.jpg").toFile());
        BufferedImage withAlpha = new BufferedImage(rgba.getWidth(), rgba.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < rgba.getHeight(); y++) {
            for (int x = 0; x < rgba.getWidth(); x++) {
                int a = x < 20 || y < 20 ? 0 : 255; // a transparent border, as an endoscope vignette
                withAlpha.setRGB(x, y, a << 24 | rgba.getRGB(x, y) & 0xffffff);
            }
        }
        Path png = dir.resolve("vignette.png");
        ImageIO.write(withAlpha, "png", png.toFile());
        ImagePlus open = IJ.openImage(png.toString());
        assertEquals(scoreOfFile(png), scoreOf(open), 0);
    }

    @Test
    void greyPicturesScoreTheSameAs8Bit16Bit32BitAndRgbAndAsFiles() throws Exception {
        ImagePlus rgb = IJ.openImage(TestData.SAMPLE.resolve("ood/dyed/dyed-000.jpg").toString());
        ByteProcessor grey = rgb.getProcessor().convertToByteProcessor();
        int w = grey.getWidth();
        int h = grey.getHeight();
        ShortProcessor grey16 = new ShortProcessor(w, h);
        FloatProcessor grey32 = new FloatProcessor(w, h);
        ColorProcessor greyRgb = new ColorProcessor(w, h);
        for (int i = 0; i < w * h; i++) {
            int v = grey.get(i);
            grey16.set(i, v);
            grey32.setf(i, v);
            greyRgb.set(i, v << 16 | v << 8 | v);
        }
        double score8 = scoreOf(new ImagePlus("grey8", grey));
        assertEquals(score8, scoreOf(new ImagePlus("grey16", grey16)), 0, "Fiji's Image > Type > 16-bit");
        assertEquals(score8, scoreOf(new ImagePlus("grey32", grey32)), 0, "Fiji's Image > Type > 32-bit");
        assertEquals(score8, scoreOf(new ImagePlus("greyRgb", greyRgb)), 0, "grey as RGB");

        BufferedImage png16 = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        BufferedImage png8 = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                png16.getRaster().setSample(x, y, 0, grey.get(x, y));
                png8.getRaster().setSample(x, y, 0, grey.get(x, y));
            }
        }
        Path file16 = dir.resolve("grey16.png");
        Path file8 = dir.resolve("grey8.png");
        ImageIO.write(png16, "png", file16.toFile());
        ImageIO.write(png8, "png", file8.toFile());
        assertEquals(score8, scoreOfFile(file8), 0, "an 8-bit grey file");
        assertEquals(score8, scoreOfFile(file16), 0, "a 16-bit grey file holding the same values");
    }

    @Test
    void theDetectorsDecodeModeWinsOverTheOneSetWhenScoring() throws Exception {
        double reduced = scoreOfFile(bigJpeg);
        String before = System.getProperty(DecodeMode.PROPERTY);
        System.setProperty(DecodeMode.PROPERTY, "exact");
        try {
            assertEquals(reduced, scoreOfFile(bigJpeg), 0, "the detector was fitted reduced: scored reduced");
            Path exactDetector = dir.resolve("exact-detector.json");
            run(FitDetectorCommand.class, "model", TestData.MODEL.toFile(), "train_dir",
                    TestData.SAMPLE.resolve("id/train").toFile(), "detector", exactDetector.toFile());
            assertTrue(Files.readString(exactDetector).contains("\"decode\":\"exact\""));
        } finally {
            if (before == null) {
                System.clearProperty(DecodeMode.PROPERTY);
            } else {
                System.setProperty(DecodeMode.PROPERTY, before);
            }
        }
    }

    @Test
    void aScriptsImgLib2ImageScoresAsTheSameImageInImageJ() throws Exception {
        ImagePlus rgb = IJ.openImage(TestData.SAMPLE.resolve("ood/polyp/polyp-000.jpg").toString());
        ColorProcessor cp = (ColorProcessor) rgb.getProcessor();
        int w = cp.getWidth();
        int h = cp.getHeight();
        net.imglib2.img.array.ArrayImg<net.imglib2.type.numeric.integer.UnsignedByteType, ?> xyc =
                net.imglib2.img.array.ArrayImgs.unsignedBytes(w, h, 3);
        net.imglib2.img.array.ArrayImg<net.imglib2.type.numeric.integer.UnsignedShortType, ?> grey16 =
                net.imglib2.img.array.ArrayImgs.unsignedShorts(w, h);
        net.imglib2.RandomAccess<net.imglib2.type.numeric.integer.UnsignedByteType> a = xyc.randomAccess();
        net.imglib2.RandomAccess<net.imglib2.type.numeric.integer.UnsignedShortType> g = grey16.randomAccess();
        ByteProcessor grey = cp.convertToByteProcessor();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = cp.get(x, y);
                for (int ch = 0; ch < 3; ch++) {
                    a.setPosition(new long[] {x, y, ch});
                    a.get().set(c >> (16 - 8 * ch) & 0xff);
                }
                g.setPosition(new long[] {x, y});
                g.get().set(grey.get(x, y));
            }
        }
        ImagePlus copy = new ImagePlus("copy", cp.duplicate()); // no file: scored as it is
        assertEquals(scoreOf(copy), scoreOfImg(xyc), 0, "XYC unsigned bytes: RGB");
        assertEquals(scoreOf(new ImagePlus("grey", grey)), scoreOfImg(grey16), 0, "XY 16-bit grey, 8-bit values");
        assertEquals(scoreOf(copy), ((ij.measure.ResultsTable) run(ExplainImageCommand.class, "detector",
                detector.toFile(), "img", xyc).getOutput("results")).getValue("nero_score", 0), 1e-6);
    }

    static double scoreOfImg(Object img) throws Exception {
        return ((Reports.Score) run(ScoreImagesCommand.class, "detector", detector.toFile(), "img", img)
                .getOutput("report")).rows().get(0).neroScore();
    }
}
