package nero.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ij.ImagePlus;
import java.util.List;
import nero.core.timeline.OodSegment;
import org.junit.jupiter.api.Test;

/** The timeline picture: the segment shaded where it is, thumbnails drawn, an empty series still a picture. */
class TimelinePictureTest {
    @Test
    void theSegmentIsShadedAndTheThumbnailStripIsDrawn() {
        double[] t = new double[100];
        double[] s = new double[100];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 0.04;
            s[i] = i >= 40 && i < 60 ? 3 : 0.5;
        }
        OodSegment seg = new OodSegment(1, 41, 1.6, 60, 2.4, 3, 41, 1.6, 20, false);
        int[] red = new int[16 * 16];
        java.util.Arrays.fill(red, 0xffff0000);
        TimelinePicture.Data d = new TimelinePicture.Data("test", t, s, 1.0, List.of(seg),
                List.of(new TimelinePicture.Thumbnail(2.0, red, 16, 16, 1.0)), 4.0);
        ImagePlus image = TimelinePicture.draw(d);
        assertEquals(1200, image.getWidth());
        int[] px = (int[]) image.getProcessor().getPixels();
        int w = image.getWidth();
        // the plot spans x = 78 … 1176 for t = 0 … 4 s; at t = 2.0 s (inside the segment), near the top of the plot
        int inside = px[60 * w + 78 + (int) (2.0 / 4 * (1176 - 78)) + 3] & 0xffffff;
        int outside = px[60 * w + 78 + (int) (0.8 / 4 * (1176 - 78))] & 0xffffff;
        assertEquals(0xffc8c8, inside, "segment shading");
        assertEquals(0xffffff, outside, "no shading outside the segment");
        // the thumbnail at t = 2.0 s in the strip under the axis (plot 52 + 280, axis 44, 8 px tick)
        int strip = px[(52 + 280 + 44 + 8 + 40) * w + 78 + (int) (2.0 / 4 * (1176 - 78))] & 0xffffff;
        assertNotEquals(0xffffff, strip, "a thumbnail is drawn there");
    }

    @Test
    void withNothingScoredThePictureIsStillDrawn() {
        ImagePlus image = TimelinePicture.draw(new TimelinePicture.Data("empty", new double[0], new double[0], 1.0,
                List.of(), List.of(), 0));
        assertEquals(1200, image.getWidth());
    }

    @Test
    void ticksAreRoundNumbers() {
        assertArrayEquals(new double[] {0, 1, 2, 3}, TimelinePicture.ticks(0, 3.2, 6), 1e-12);
        assertArrayEquals(new double[] {-0.5, 0, 0.5, 1}, TimelinePicture.ticks(-0.6, 1.2, 6), 1e-12);
        assertArrayEquals(new double[] {0, 20, 40, 60, 80, 100}, TimelinePicture.ticks(0, 100, 6), 1e-12);
        assertEquals(0.04, TimelinePicture.typicalStep(new double[] {0, 0.04, 0.08, 0.2, 0.24}), 1e-12);
    }
}
