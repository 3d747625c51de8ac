package nero.io.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Which decoded pictures must not be scored: one the decoder flags as concealed or corrupt, and every picture after
 * damaged data (a refused packet, a packet the container marks corrupt) up to the next clean key frame. One per
 * decoder; fed in decoding order.
 */
final class PictureDamage {
    private static final int FRAME_FLAG_CORRUPT = 1;
    private static final int FRAME_FLAG_KEY = 1 << 1;
    private boolean tainted;
    private String pending;

    /** The container marks a packet of the stream as corrupt. */
    void corruptPacket() {
        tainted = true;
        pending = "the container marks this picture's data as corrupt";
    }

    /** The decoder refused data ({@code why}: FFmpeg's error text). */
    void decodeError(String why) {
        tainted = true;
        pending = "the decoder met damaged data (" + why + ")";
    }

    /** A seek: what came before no longer matters. */
    void reset() {
        tainted = false;
        pending = null;
    }

    /** Why a freshly decoded picture must not be scored, or null; a clean key frame clears the taint. */
    String of(AVFrame f) {
        boolean flagged = f.decode_error_flags() != 0 || (f.flags() & FRAME_FLAG_CORRUPT) != 0;
        boolean key = (f.flags() & FRAME_FLAG_KEY) != 0 || f.key_frame() != 0;
        if (flagged) {
            tainted = true;
            String note = pending != null ? pending : "the decoder reported damaged data in this picture";
            pending = null;
            return note;
        }
        if (key) {
            reset();
            return null;
        }
        if (tainted) {
            return pending != null ? pending : "it depends on a damaged picture before it (the next key frame is clean)";
        }
        return null;
    }
}
