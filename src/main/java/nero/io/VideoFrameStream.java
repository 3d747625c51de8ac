package nero.io;

import java.io.IOException;
import org.jcodec.common.model.Picture;

/** Decoded pictures of one video in display order. */
interface VideoFrameStream extends AutoCloseable {
    /** The next picture, or null at the end of the stream. The picture is valid until the next call. */
    Frame next() throws IOException;

    /** Frames the container declares, or −1 if it does not say (used to detect truncated files). */
    int declaredFrames();

    String container();

    String codec();

    @Override
    void close() throws IOException;

    record Frame(Picture picture, double seconds) {
    }
}
