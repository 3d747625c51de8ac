package nero.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fused passes give exactly the values of the plain per-channel, column-by-column form. */
class PilResizeTest {
    private static final int[][] SIZES = {
        // in w, in h, out w, out h: downscale, upscale, mixed, identity along one or both axes, 1-pixel edges
        {720, 576, 224, 224}, {1920, 1072, 224, 224}, {37, 23, 224, 224}, {300, 40, 64, 160}, {224, 500, 224, 224},
        {500, 224, 224, 224}, {224, 224, 224, 224}, {1, 1, 5, 3}, {97, 1, 13, 7}, {13, 17, 1, 1},
    };

    @Test
    void rgbResizeEqualsThePerChannelReferenceBitForBit() {
        Random random = new Random(11);
        for (int[] s : SIZES) {
            int[] argb = new int[s[0] * s[1]];
            for (int i = 0; i < argb.length; i++) {
                argb[i] = random.nextInt();
            }
            int[][] planes = new int[3][argb.length];
            for (int i = 0; i < argb.length; i++) {
                planes[0][i] = argb[i] >> 16 & 0xff;
                planes[1][i] = argb[i] >> 8 & 0xff;
                planes[2][i] = argb[i] & 0xff;
            }
            int[][] fused = PilResize.resizeRgb(argb, s[0], s[1], s[2], s[3]);
            for (int c = 0; c < 3; c++) {
                int[] expected = ReferencePilResize.resize(planes[c], s[0], s[1], s[2], s[3]);
                assertArrayEquals(expected, fused[c], Arrays.toString(s) + " channel " + c);
                assertArrayEquals(expected, PilResize.resize(planes[c], s[0], s[1], s[2], s[3]),
                        Arrays.toString(s) + " grey");
            }
        }
    }

    @Test
    void smoothImagesToo() {
        // random noise rarely reaches the clipping and rounding edges that smooth gradients and hard edges do
        int w = 641;
        int h = 479;
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = x * 255 / (w - 1);
                int g = (x / 40 + y / 40) % 2 == 0 ? 255 : 0;
                int b = (int) Math.round(127.5 + 127.5 * Math.sin(x * 0.05 + y * 0.03));
                argb[y * w + x] = 0xff000000 | r << 16 | g << 8 | b;
            }
        }
        int[][] fused = PilResize.resizeRgb(argb, w, h, 224, 224);
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c;
            int[] plane = new int[w * h];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = argb[i] >> shift & 0xff;
            }
            assertArrayEquals(ReferencePilResize.resize(plane, w, h, 224, 224), fused[c], "channel " + c);
        }
    }
}
