package nero.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.VUIParameters;
import org.junit.jupiter.api.Test;

/** Putting decode-order pictures back into display order, and how deep an H.264 stream may reorder. */
class DisplayOrderTest {

    private static List<Long> play(int depth, long... decodeOrderPts) {
        DisplayOrder order = new DisplayOrder(depth);
        List<Long> shown = new ArrayList<>();
        for (long pts : decodeOrderPts) {
            order.add(pts, null);
            if (order.ready()) {
                shown.add(order.poll().pts());
            }
        }
        for (DisplayOrder.Entry e = order.poll(); e != null; e = order.poll()) {
            shown.add(e.pts());
        }
        return shown;
    }

    @Test
    void bFramesComeOutInDisplayOrder() {
        // I0 P3 B1 B2 P6 B4 B5 (one B-frame level) and I0 P4 B2 b1 b3 (B-pyramid)
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), play(1, 0, 3, 1, 2, 6, 4, 5));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), play(2, 0, 4, 2, 1, 3));
    }

    @Test
    void aStreamThatReordersDeeperThanTheWindowIsRefusedNotPlayedOutOfOrder() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> play(1, 0, 4, 2, 1, 3));
        assertTrue(e.getMessage().contains(DisplayOrder.TOO_DEEP), e.getMessage());
        UnsupportedVideoException u = assertInstanceOf(UnsupportedVideoException.class,
                VideoReader.classify("clip.mp4", "MP4/MOV", "H.264", e));
        assertTrue(u.getMessage().contains("deeper than 1 frames"), u.getMessage());
    }

    @Test
    void nothingWaitsWithoutReordering() {
        DisplayOrder order = new DisplayOrder(0);
        assertNull(order.poll());
        order.add(7, null);
        assertTrue(order.ready());
        assertEquals(7, order.poll().pts());
        assertFalse(order.ready());
    }

    @Test
    void reorderDepthComesFromTheSpsOrItsLevel() {
        SeqParameterSet sps = new SeqParameterSet();
        sps.levelIdc = 30;
        sps.picWidthInMbsMinus1 = 44; // 720 pixels
        sps.picHeightInMapUnitsMinus1 = 35; // 576 pixels, frame macroblocks only
        sps.frameMbsOnlyFlag = true;
        assertEquals(5, H264Reordering.depth(sps), "level 3: MaxDpbMbs 8100 / 1620 macroblocks");
        sps.levelIdc = 99;
        assertEquals(H264Reordering.MAX_DEPTH, H264Reordering.depth(sps), "unknown level");
        sps.vuiParams = new VUIParameters();
        sps.vuiParams.bitstreamRestriction = new VUIParameters.BitstreamRestriction();
        sps.vuiParams.bitstreamRestriction.numReorderFrames = 2;
        assertEquals(2, H264Reordering.depth(sps), "max_num_reorder_frames");
    }

    @Test
    void noSpsMeansTheLargestWindow() {
        assertEquals(H264Reordering.MAX_DEPTH, H264Reordering.depth(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 1, 0x65})));
    }
}
