package nero.io;

import java.io.IOException;
import java.nio.file.Path;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.api.PictureWithMetadata;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.FileChannelWrapper;
import org.jcodec.common.io.NIOUtils;

/** MP4/MOV through JCodec's FrameGrab (H.264 progressive 8-bit 4:2:0). */
final class Mp4FrameStream implements VideoFrameStream {
    private final FileChannelWrapper channel;
    private final FrameGrab grab;
    private final int declared;
    private final String codec;

    Mp4FrameStream(Path file) throws IOException, JCodecException {
        channel = NIOUtils.readableChannel(file.toFile());
        try {
            grab = FrameGrab.createFrameGrab(channel);
            DemuxerTrackMeta meta = grab.getVideoTrack().getMeta();
            declared = meta == null ? -1 : meta.getTotalFrames();
            codec = meta == null || meta.getCodec() == null ? "H.264" : meta.getCodec().name();
        } catch (IOException | JCodecException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public Frame next() throws IOException {
        PictureWithMetadata p = grab.getNativeFrameWithMetadata();
        return p == null || p.getPicture() == null ? null : new Frame(p.getPicture(), p.getTimestamp());
    }

    @Override
    public int declaredFrames() {
        return declared;
    }

    @Override
    public String container() {
        return "MP4/MOV";
    }

    @Override
    public String codec() {
        return codec;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
