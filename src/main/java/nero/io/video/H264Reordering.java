package nero.io.video;

import java.nio.ByteBuffer;
import java.util.List;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.VUIParameters;

/**
 * How many pictures an H.264 decoder may have to hold back before the next one in display order is known: the
 * sequence parameter set's {@code max_num_reorder_frames} when it says, else the size of the decoded picture buffer
 * its level allows (H.264 Table A-1), else the maximum of 16.
 */
final class H264Reordering {
    static final int MAX_DEPTH = 16;

    /** MaxDpbMbs per level_idc (H.264 Table A-1); level 1b is coded as 11 with constraint_set3 or as 9. */
    private static final int[][] MAX_DPB_MBS = {{9, 396}, {10, 396}, {11, 900}, {12, 2376}, {13, 2376}, {20, 2376},
        {21, 4752}, {22, 8100}, {30, 8100}, {31, 18000}, {32, 20480}, {40, 32768}, {41, 32768}, {42, 34816},
        {50, 110400}, {51, 184320}, {52, 184320}, {60, 696320}, {61, 696320}, {62, 696320}};

    private H264Reordering() {
    }

    /** The reorder depth from the first SPS in an Annex-B buffer (start codes), or {@link #MAX_DEPTH} if none. */
    static int depth(ByteBuffer annexB) {
        try {
            List<ByteBuffer> sps = H264Utils.getRawSPS(annexB.duplicate());
            if (sps.isEmpty()) {
                return MAX_DEPTH;
            }
            return depth(H264Utils.readSPS(sps.get(0)));
        } catch (RuntimeException e) {
            return MAX_DEPTH; // an SPS JCodec cannot parse will fail decoding with a clearer message later
        }
    }

    static int depth(SeqParameterSet sps) {
        VUIParameters vui = sps.vuiParams;
        if (vui != null && vui.bitstreamRestriction != null) {
            return Math.min(MAX_DEPTH, vui.bitstreamRestriction.numReorderFrames);
        }
        int mbs = (sps.picWidthInMbsMinus1 + 1) * SeqParameterSet.getPicHeightInMbs(sps);
        for (int[] level : MAX_DPB_MBS) {
            if (level[0] == sps.levelIdc && mbs > 0) {
                return Math.min(MAX_DEPTH, level[1] / mbs);
            }
        }
        return MAX_DEPTH;
    }
}
