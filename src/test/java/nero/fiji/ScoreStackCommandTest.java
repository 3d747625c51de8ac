package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import nero.app.NeroWorkflow;
import nero.app.Reports;
import nero.app.Requests;
import nero.core.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Score Images on the current image when it is a stack, through CommandService as Fiji runs it: one row per slice,
 * each slice scored on its own pixels (not the current slice's) and showing its own verdict, and the timeline.
 */
class ScoreStackCommandTest {
    static Context context;
    static CommandService commands;
    /** 15 sample pictures, 5 ID (cecum) and 10 OOD (bleeding, dye), 128×128 RGB, each labelled by its file name. */
    static ImageStack pictures;
    static List<String> labels = new ArrayList<>();
    /** Each picture scored alone, as a single open image. */
    static List<Reports.ScoreRow> alone;
    @TempDir
    Path tmp;

    @BeforeAll
    static void scoreEachPictureAlone() throws Exception {
        Path detector = FittedSample.detector();
        context = new Context(CommandService.class);
        commands = context.service(CommandService.class);
        pictures = new ImageStack(128, 128);
        List<ImagePlus> singles = new ArrayList<>();
        for (String folder : List.of("id/test/cecum", "ood/bleeding", "ood/dyed")) {
            try (Stream<Path> files = Files.list(TestData.SAMPLE.resolve(folder))) {
                for (Path f : files.sorted().limit(5).toList()) {
                    ImagePlus image = IJ.openImage(f.toString());
                    pictures.addSlice(f.getFileName().toString(), image.getProcessor());
                    labels.add(f.getFileName().toString());
                    singles.add(new ImagePlus("single-" + singles.size(), image.getProcessor()));
                }
            }
        }
        alone = new NeroWorkflow(ProgressListener.NONE).score(new Requests.Score(detector, null, List.of(), singles,
                List.of(), null, null)).rows();
        assertEquals(15, alone.size());
        assertTrue(alone.stream().anyMatch(Reports.ScoreRow::ood) && alone.stream().anyMatch(r -> !r.ood()),
                "the stack mixes ID and OOD verdicts");
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.dispose();
        }
    }

    static CommandModule score(ImagePlus image, Object... more) throws Exception {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("detector", FittedSample.detector().toFile());
        inputs.put("image", image);
        for (int i = 0; i < more.length; i += 2) {
            inputs.put((String) more[i], more[i + 1]);
        }
        CommandModule module = commands.run(ScoreImagesCommand.class, true, inputs).get();
        assertFalse(module.isCanceled(), module.getCancelReason());
        return module;
    }

    @Test
    void aFifteenSliceStackGivesFifteenRowsAndSliceKShowsSliceKsVerdict() throws Exception {
        ImagePlus stack = new ImagePlus("stack.tif", pictures.duplicate());
        stack.setSlice(4); // the current slice must not matter
        Path png = tmp.resolve("timeline.png");
        Path csv = tmp.resolve("segments.csv");
        CommandModule module = score(stack, "timeline", png.toFile(), "segments", csv.toFile());
        ResultsTable table = (ResultsTable) module.getOutput("results");
        assertEquals(15, table.size());
        for (int k = 1; k <= 15; k++) {
            int row = k - 1;
            assertEquals("stack.tif#slice=" + k + " (" + labels.get(row) + ")", table.getStringValue("path", row));
            assertEquals(alone.get(row).neroScore(), table.getValue("nero_score", row),
                    1e-4 * Math.abs(alone.get(row).neroScore()), "slice " + k + " is scored on its own pixels");
            assertEquals(alone.get(row).verdict(), table.getStringValue("verdict", row), "slice " + k);
            List<Roi> on = new ArrayList<>();
            for (Roi roi : stack.getOverlay().toArray()) {
                if (roi.getPosition() == k) {
                    on.add(roi);
                }
            }
            TextRoi text = assertInstanceOf(TextRoi.class, on.get(on.size() - 1));
            assertTrue(text.getText().startsWith(alone.get(row).verdict() + "\n"), "slice " + k + ": " + text.getText());
            assertTrue(text.getText().contains(String.format(Locale.ROOT, "NERO %.3g",
                    table.getValue("nero_score", row))), "slice " + k + ": " + text.getText());
            assertEquals(alone.get(row).ood() ? 2 : 1, on.size(), "slice " + k + ": a red frame only when OOD");
        }
        assertEquals(1200, ImageIO.read(png.toFile()).getWidth());
        List<String> segments = Files.readAllLines(csv);
        assertTrue(segments.get(0).startsWith("segment,start_frame,"), segments.get(0));
        assertTrue(segments.size() >= 2, "the OOD slices make a segment: " + segments);
        ImagePlus timeline = assertInstanceOf(ImagePlus.class, module.getOutput("timeline_view"));
        assertEquals(1200, timeline.getWidth());
    }

    /** A 3-channel hyperstack is one RGB picture per (z, t): the same scores as the RGB stack it was made from. */
    @Test
    void aThreeChannelHyperstackIsScoredAsOneRgbPicturePerPosition() throws Exception {
        ImageStack channels = new ImageStack(128, 128);
        for (int k = 1; k <= 6; k++) {
            ColorProcessor rgb = (ColorProcessor) pictures.getProcessor(k * 2);
            for (int c = 0; c < 3; c++) {
                channels.addSlice(rgb.getChannel(c + 1, new ByteProcessor(128, 128)));
            }
        }
        ImagePlus planes = new ImagePlus("hyper", channels);
        planes.setDimensions(3, 2, 3);
        planes.setOpenAsHyperStack(true);
        ImagePlus hyper = new CompositeImage(planes, IJ.COMPOSITE);
        ResultsTable table = (ResultsTable) score(hyper).getOutput("results");
        assertEquals(6, table.size());
        int k = 0;
        for (int t = 1; t <= 3; t++) {
            for (int z = 1; z <= 2; z++) {
                Reports.ScoreRow single = alone.get(++k * 2 - 1);
                assertEquals("hyper#z=" + z + ",t=" + t, table.getStringValue("path", k - 1));
                assertEquals(single.neroScore(), table.getValue("nero_score", k - 1),
                        1e-4 * Math.abs(single.neroScore()), "z=" + z + ", t=" + t);
            }
        }
        for (Roi roi : hyper.getOverlay().toArray()) {
            assertEquals(0, roi.getCPosition(), "on every channel");
            assertTrue(roi.getZPosition() >= 1 && roi.getTPosition() >= 1, "tied to its position");
        }
    }
}
