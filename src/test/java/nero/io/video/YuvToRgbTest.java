package nero.io.video;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.nio.file.Path;
import nero.io.Fixtures;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.Picture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YuvToRgbTest {
    @TempDir
    Path dir;

    @Test
    void matchesJCodecsOwnConversion() throws Exception {
        Path mp4 = dir.resolve("c.mp4");
        Fixtures.writeMp4(mp4, 90, 60, 3); // 90×60 is not a multiple of 16, so the picture is cropped
        try (var ch = NIOUtils.readableChannel(mp4.toFile())) {
            Picture pic = FrameGrab.createFrameGrab(ch).getNativeFrame();
            assertTrue(YuvToRgb.supports(pic), "decoder output " + pic.getColor());
            ImagePlus fast = VideoReader.toImagePlus(pic, "fast");
            ImagePlus awt = VideoReader.toImagePlusViaAwt(pic, "awt");
            assertTrue(fast.getWidth() == awt.getWidth() && fast.getHeight() == awt.getHeight(),
                    fast.getWidth() + "x" + fast.getHeight() + " vs " + awt.getWidth() + "x" + awt.getHeight());
            int maxDiff = 0;
            for (int y = 0; y < fast.getHeight(); y++) {
                for (int x = 0; x < fast.getWidth(); x++) {
                    int a = fast.getProcessor().getPixel(x, y);
                    int b = awt.getProcessor().getPixel(x, y);
                    for (int shift = 0; shift <= 16; shift += 8) {
                        maxDiff = Math.max(maxDiff, Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)));
                    }
                }
            }
            assertTrue(maxDiff <= 1, "max channel difference " + maxDiff);
        }
    }
}
