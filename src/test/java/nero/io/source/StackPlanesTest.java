package nero.io.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import java.util.ArrayList;
import java.util.List;
import nero.core.InvalidInputException;
import nero.io.ImageSource;
import nero.io.SourceItem;
import org.junit.jupiter.api.Test;

/** An image open in ImageJ as pictures to score: one per (z, t) position, channels as the model's RGB input needs. */
class StackPlanesTest {
    @Test
    void aSingleImageIsOnePictureNamedByItsTitle() {
        ImagePlus image = new ImagePlus("a.png", new ColorProcessor(8, 8));
        List<SourceItem> items = StackPlanes.items(image);
        assertEquals(1, items.size());
        assertEquals("a.png", items.get(0).id());
        assertSame(image, items.get(0).read());
    }

    @Test
    void aStackIsOnePicturePerSliceNamedByTheImageAndTheSliceLabel() {
        ImagePlus stack = IJ.createImage("s.tif", "8-bit black", 8, 8, 15);
        for (int k = 1; k <= 15; k++) {
            stack.getStack().getProcessor(k).set(k); // slice k's pixels are all k
        }
        stack.getStack().setSliceLabel("cecum\nDICOM header lines", 3);
        stack.setSlice(9); // the current slice does not matter
        List<StackPlanes.Plane> planes = StackPlanes.of(stack);
        assertEquals(15, planes.size());
        assertEquals("s.tif#slice=1", planes.get(0).id());
        assertEquals("s.tif#slice=3 (cecum)", planes.get(2).id());
        assertEquals("cecum", planes.get(2).label());
        assertFalse(planes.get(0).timed(), "no frame interval: slices, not seconds");
        assertEquals(2.0, planes.get(2).seconds());
        List<SourceItem> items = new ArrayList<>();
        try (ImageSource source = ImageSources.of(List.of(stack))) {
            source.forEach(items::add);
        }
        assertEquals(15, items.size());
        for (int k = 1; k <= 15; k++) {
            ImagePlus picture = items.get(k - 1).read();
            assertEquals(1, picture.getStackSize());
            assertEquals(k, picture.getProcessor().get(0, 0), "item " + k + " is slice " + k);
        }
    }

    @Test
    void aHyperstackIsOnePicturePerZAndTWithThreeChannelsAsRgb() {
        ImagePlus hyper = IJ.createHyperStack("h", 4, 4, 3, 2, 3, 16);
        for (int t = 1; t <= 3; t++) {
            for (int z = 1; z <= 2; z++) {
                for (int c = 1; c <= 3; c++) {
                    hyper.getStack().getProcessor(hyper.getStackIndex(c, z, t)).set(1000 * c + 10 * z + t);
                }
            }
        }
        hyper.getCalibration().frameInterval = 40;
        hyper.getCalibration().setTimeUnit("ms");
        List<StackPlanes.Plane> planes = StackPlanes.of(hyper);
        assertEquals(6, planes.size());
        assertEquals(List.of("h#z=1,t=1", "h#z=2,t=1", "h#z=1,t=2", "h#z=2,t=2", "h#z=1,t=3", "h#z=2,t=3"),
                planes.stream().map(StackPlanes.Plane::id).toList());
        assertTrue(planes.get(4).timed());
        assertEquals(0.08, planes.get(4).seconds(), 1e-12, "t=3 at 2 × 40 ms");
        ImagePlus picture = StackPlanes.picture(hyper, planes.get(3)); // z=2, t=2
        assertTrue(picture.isComposite());
        assertEquals(3, picture.getNChannels());
        assertArrayEquals(new double[] {1022, 2022, 3022}, new double[] {picture.getStack().getProcessor(1).getf(0),
            picture.getStack().getProcessor(2).getf(0), picture.getStack().getProcessor(3).getf(0)});
    }

    @Test
    void aTimeSeriesNamesItsFrames() {
        ImagePlus movie = IJ.createHyperStack("m", 4, 4, 1, 1, 5, 8);
        assertEquals("m#t=4", StackPlanes.of(movie).get(3).id());
    }

    @Test
    void otherChannelCountsAreRefusedWithTheWayOut() {
        ImagePlus two = IJ.createHyperStack("two", 4, 4, 2, 1, 1, 8);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StackPlanes.of(two));
        assertTrue(e.getMessage().startsWith("two: 2 channels;") && e.getMessage().contains("Stack to RGB"),
                e.getMessage());
    }

    /** A stack whose slices are decoded on demand is read only when an item is: a long video costs nothing up front. */
    @Test
    void aVirtualStackIsReadOnlyWhenAPictureIsScored() {
        int[] reads = new int[1];
        ImageStack lazy = new VirtualStack(4, 4, null, null) {
            @Override
            public int getSize() {
                return 1000;
            }

            @Override
            public ij.process.ImageProcessor getProcessor(int n) {
                reads[0]++;
                return new ByteProcessor(4, 4);
            }

            @Override
            public String getSliceLabel(int n) {
                return "frame " + n;
            }
        };
        ImagePlus video = new ImagePlus("v", lazy);
        List<SourceItem> items = StackPlanes.items(video);
        assertEquals(1000, items.size());
        reads[0] = 0;
        items.get(500).read();
        assertEquals(1, reads[0]);
        assertEquals("v#slice=501 (frame 501)", items.get(500).id());
    }
}
