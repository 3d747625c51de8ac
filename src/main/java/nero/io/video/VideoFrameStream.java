package nero.io.video;

import ij.ImagePlus;
import java.io.IOException;
import java.util.Map;
import org.jcodec.common.model.Picture;

/** Decoded pictures of one video in display order. */
interface VideoFrameStream extends AutoCloseable {
    /** The next picture, or null at the end of the stream. The picture is valid until the next call. */
    Frame next() throws IOException;

    /**
     * A hint that no picture before {@code seconds} (display index {@code index}) is wanted: a stream that can seek
     * may jump to the key frame before it instead of decoding every picture in between. Pictures before the target
     * may still be returned.
     */
    default void skipTo(double seconds, long index) {
    }

    /** The container's name, the codec's and the frames it declares. */
    StreamFormat format();

    /** Pictures decoded so far, including those skipped over; −1 when the reader's own count is right. */
    default long decodedFrames() {
        return -1;
    }

    /** Non-identifying facts about the stream for each still (deinterlacing, rotation, aspect ratio). */
    default Map<String, String> metadata() {
        return Map.of();
    }

    @Override
    void close() throws IOException;

    /** One decoded picture. */
    interface Frame {
        /** Display time from the first frame. */
        double seconds();

        /** 0-based display index derived from the time stamp, or −1 when the reader counts the pictures. */
        default long index() {
            return -1;
        }

        /** Why this picture must not be scored (the decoder met damaged data), or null. */
        default String damage() {
            return null;
        }

        /** The picture as an RGB image; must be called before the next {@link #next()}. */
        ImagePlus image(String title);

        static Frame of(Picture picture, double seconds) {
            return new PictureFrame(picture, seconds);
        }
    }

    /** A JCodec picture. */
    record PictureFrame(Picture picture, double seconds) implements Frame {
        @Override
        public ImagePlus image(String title) {
            return VideoReader.toImagePlus(picture, title);
        }
    }
}
