package nero.io.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import nero.io.PixelLimits;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.api.PictureWithMetadata;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.FileChannelWrapper;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.Picture;
import org.jcodec.containers.mp4.MP4Util;
import org.jcodec.containers.mp4.boxes.MovieBox;
import org.jcodec.containers.mp4.boxes.SampleEntry;
import org.jcodec.containers.mp4.boxes.TrakBox;

/**
 * MP4/MOV through JCodec's FrameGrab (H.264 progressive 8-bit 4:2:0). FrameGrab returns pictures in decode order and
 * in one reused buffer, so each picture is copied and put back into display order by its composition time.
 */
final class Mp4FrameStream implements VideoFrameStream {
    /** Time stamps are kept in microseconds for ordering. */
    private static final double TIME_STAMP_UNITS = 1e6;

    private static final Map<String, String> CODEC_NAMES = Map.ofEntries(Map.entry("avc1", "H.264"),
            Map.entry("avc3", "H.264"), Map.entry("hvc1", "HEVC"), Map.entry("hev1", "HEVC"),
            Map.entry("mp4v", "MPEG-4 Part 2"), Map.entry("jpeg", "Motion JPEG"), Map.entry("mjpa", "Motion JPEG"),
            Map.entry("mjpb", "Motion JPEG"), Map.entry("av01", "AV1"), Map.entry("vp09", "VP9"),
            Map.entry("apch", "ProRes"), Map.entry("apcn", "ProRes"), Map.entry("apcs", "ProRes"),
            Map.entry("apco", "ProRes"), Map.entry("ap4h", "ProRes"), Map.entry("m2v1", "MPEG-2"),
            Map.entry("mp2v", "MPEG-2"), Map.entry("dvh1", "Dolby Vision HEVC"));

    private final FileChannelWrapper channel;
    private final FrameGrab grab;
    private final StreamFormat format;
    private final DisplayOrder order;
    private boolean ended;

    Mp4FrameStream(Path file) throws IOException, JCodecException {
        channel = NIOUtils.readableChannel(file.toFile());
        try {
            grab = FrameGrab.createFrameGrab(channel);
            DemuxerTrackMeta meta = grab.getVideoTrack().getMeta();
            if (meta != null && meta.getVideoCodecMeta() != null && meta.getVideoCodecMeta().getSize() != null) {
                org.jcodec.common.model.Size size = meta.getVideoCodecMeta().getSize();
                PixelLimits.checkVideoFrame(file.toString(), size.getWidth(), size.getHeight());
            }
            format = new StreamFormat("MP4/MOV", meta == null || meta.getCodec() == null ? "H.264"
                    : meta.getCodec().name(), meta == null ? -1 : meta.getTotalFrames());
            ByteBuffer codecPrivate = meta == null ? null : meta.getCodecPrivate();
            order = new DisplayOrder(codecPrivate == null ? H264Reordering.MAX_DEPTH
                    : H264Reordering.depth(codecPrivate));
        } catch (IOException | JCodecException | RuntimeException e) {
            channel.close(); // an InvalidInputException (frame too large) included
            throw e;
        }
    }

    @Override
    public Frame next() throws IOException {
        while (!ended && !order.ready()) {
            PictureWithMetadata p = grab.getNativeFrameWithMetadata();
            if (p == null || p.getPicture() == null) {
                ended = true;
            } else {
                order.add(Math.round(p.getTimestamp() * TIME_STAMP_UNITS), copy(p.getPicture()));
            }
        }
        DisplayOrder.Entry e = order.poll();
        return e == null ? null : Frame.of(e.picture(), e.pts() / TIME_STAMP_UNITS);
    }

    /** The video track's codec as a name with its MP4 sample-entry code (e.g. "HEVC (hvc1)"), or "unknown". */
    static String videoCodecName(Path file) {
        try (FileChannelWrapper ch = NIOUtils.readableChannel(file.toFile())) {
            MovieBox movie = MP4Util.parseMovieChannel(ch);
            for (TrakBox track : movie == null ? new TrakBox[0] : movie.getTracks()) {
                SampleEntry[] entries = track.getSampleEntries();
                if ("vide".equals(track.getHandlerType()) && entries != null && entries.length > 0) {
                    String fourcc = entries[0].getFourcc();
                    return CODEC_NAMES.getOrDefault(fourcc, "unknown") + " (" + fourcc + ")";
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable header: the caller reports the decoder's own failure
        }
        return "unknown";
    }

    /** A deep copy (JCodec's {@code Picture.copyPicture} shares the planes). */
    private static Picture copy(Picture p) {
        Picture c = Picture.createCropped(p.getWidth(), p.getHeight(), p.getColor(), p.getCrop());
        c.copyFrom(p);
        return c;
    }

    @Override
    public StreamFormat format() {
        return format;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
