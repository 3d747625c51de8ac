package nero.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.codecs.mpeg12.MPEGDecoder;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoDecoder;
import org.jcodec.common.io.FileChannelWrapper;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.containers.mps.MPEGDemuxer.MPEGDemuxerTrack;
import org.jcodec.containers.mps.MPSDemuxer;
import org.jcodec.containers.mps.MTSDemuxer;

/**
 * MPEG transport and program streams through JCodec's low-level API (FrameGrab refuses both): MTSDemuxer →
 * MPSDemuxer → H264Decoder or MPEGDecoder. Pictures come out in decode order, so a small queue puts them back into
 * presentation order by PTS.
 */
final class MpegFrameStream implements VideoFrameStream {
    private static final int REORDER_DEPTH = 6;
    private static final double PTS_CLOCK = 90_000.0;

    private final FileChannelWrapper channel;
    private final MPEGDemuxerTrack track;
    private final String container;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(Comparator.comparingLong(Pending::pts));
    private VideoDecoder decoder;
    private String codec = "unknown";
    private int width;
    private int height;
    private long firstPts = Long.MIN_VALUE;
    private boolean ended;

    private record Pending(long pts, Picture picture) {
    }

    MpegFrameStream(Path file, boolean transportStream) throws IOException {
        channel = NIOUtils.readableChannel(file.toFile());
        try {
            container = transportStream ? "MPEG-TS" : "MPEG-PS";
            track = transportStream ? firstVideoTrackOfTransportStream(channel) : firstVideoTrack(new MPSDemuxer(channel));
            if (track == null) {
                throw new IOException("no video track found");
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static MPEGDemuxerTrack firstVideoTrackOfTransportStream(FileChannelWrapper ch) throws IOException {
        MTSDemuxer ts = new MTSDemuxer(ch);
        for (int pid : ts.getPrograms()) {
            ReadableByteChannel program = ts.getProgram(pid);
            MPEGDemuxerTrack t = firstVideoTrack(new MPSDemuxer(program));
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static MPEGDemuxerTrack firstVideoTrack(MPSDemuxer demuxer) {
        List<MPEGDemuxerTrack> video = demuxer.getVideoTracks();
        return video.isEmpty() ? null : video.get(0);
    }

    @Override
    public Frame next() throws IOException {
        while (!ended && queue.size() <= REORDER_DEPTH) {
            Packet packet = track.nextFrame();
            if (packet == null) {
                ended = true;
                break;
            }
            decode(packet);
        }
        Pending p = queue.poll();
        if (p == null) {
            return null;
        }
        if (firstPts == Long.MIN_VALUE) {
            firstPts = p.pts;
        }
        return new Frame(p.picture, (p.pts - firstPts) / PTS_CLOCK);
    }

    private void decode(Packet packet) {
        ByteBuffer data = packet.getData();
        if (decoder == null) {
            chooseDecoder(data.duplicate());
        }
        // A fresh buffer per picture: the decoders keep reference pictures in the buffers they were given.
        byte[][] buffer = Picture.create(width, height, ColorSpace.YUV444).getData();
        Picture pic = decoder.decodeFrame(data, buffer);
        if (pic != null) {
            queue.add(new Pending(packet.getPts(), pic));
        }
    }

    private void chooseDecoder(ByteBuffer first) {
        int h264 = H264Decoder.probe(first.duplicate());
        int mpeg2 = MPEGDecoder.probe(first.duplicate());
        if (h264 >= mpeg2 && h264 > 0) {
            decoder = new H264Decoder();
            codec = "H.264";
        } else if (mpeg2 > 0) {
            decoder = new MPEGDecoder();
            codec = "MPEG-2";
        } else {
            throw new UnsupportedOperationException("Codec is not supported (neither H.264 nor MPEG-2 video)");
        }
        VideoCodecMeta meta = decoder.getCodecMeta(first.duplicate());
        if (meta == null || meta.getSize() == null) {
            throw new IllegalStateException("no sequence header at the start of the video stream");
        }
        width = (meta.getSize().getWidth() + 31) & ~31;
        height = (meta.getSize().getHeight() + 31) & ~31;
    }

    @Override
    public int declaredFrames() {
        return -1;
    }

    @Override
    public String container() {
        return container;
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
