package nero.io.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import nero.io.PixelLimits;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.codecs.mpeg12.MPEGDecoder;
import org.jcodec.codecs.mpeg12.bitstream.PictureHeader;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoDecoder;
import org.jcodec.common.io.BitReader;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.containers.mps.MPEGDemuxer.MPEGDemuxerTrack;
import org.jcodec.containers.mps.MPSDemuxer;
import org.jcodec.containers.mps.MTSDemuxer;

/**
 * MPEG transport and program streams through JCodec's low-level API (FrameGrab refuses both): MTSDemuxer →
 * MPSDemuxer → H264Decoder or MPEGDecoder. Pictures come out in decode order and are put back into display order:
 * H.264 by presentation time stamp ({@link DisplayOrder}); MPEG-2 by picture type (an I or P picture is shown after
 * the B pictures that follow it), with times from the frame rate, because JCodec's MPEG-2 elementary-stream reader
 * does not carry the PES time stamps over to the pictures (and its {@code nextFrame()} prints to standard output).
 */
final class MpegFrameStream implements VideoFrameStream {
    /** Start of the error message for a picture JCodec could decode only in part. */
    static final String DAMAGED_PICTURE = "a picture's data ends early or is damaged";
    private static final double PTS_CLOCK = 90_000.0;
    private static final int PICTURE_B = 3;
    private static final double[] MPEG2_FRAME_RATES = {0, 24000 / 1001.0, 24, 25, 30000 / 1001.0, 30, 50,
        60000 / 1001.0, 60};

    private final SeekableByteChannel channel;
    private final CheckedTransportStream checked;
    private final MPEGDemuxerTrack track;
    private final String container;
    private final Deque<Frame> ready = new ArrayDeque<>();
    private VideoDecoder decoder;
    private String codec = "unknown";
    private int width;
    private int height;
    private boolean ended;
    private RuntimeException damage;
    private Packet upcoming;
    private final long size;
    private final boolean cutMidPacket;
    // H.264: display order by time stamp
    private DisplayOrder order;
    private final Path file;
    private long firstPts = Long.MIN_VALUE;
    // MPEG-2: display order by picture type
    private Picture heldAnchor;
    private double frameRate = 25;
    private long shown;

    MpegFrameStream(Path file, boolean transportStream) throws IOException {
        this.file = file;
        size = java.nio.file.Files.size(file);
        cutMidPacket = transportStream && size % CheckedTransportStream.PACKET != 0;
        checked = transportStream ? new CheckedTransportStream(file) : null;
        channel = transportStream ? checked : NIOUtils.readableChannel(file.toFile());
        try {
            container = transportStream ? "MPEG-TS" : "MPEG-PS";
            track = transportStream ? firstVideoTrackOfTransportStream(channel)
                    : firstVideoTrack(new MPSDemuxer(channel));
            if (track == null) {
                throw new IOException("no video track found");
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static MPEGDemuxerTrack firstVideoTrackOfTransportStream(SeekableByteChannel ch) throws IOException {
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
        while (ready.isEmpty() && !ended) {
            Packet packet = upcoming != null ? upcoming : nextPacket();
            upcoming = packet == null ? null : nextPacket();
            if (packet == null) {
                ended = true;
                flush();
            } else if (upcoming == null && (cutMidPacket || checked != null && checked.damage() != null)) {
                dropCutPicture(packet);
            } else {
                decode(packet);
            }
        }
        if (ready.isEmpty() && damage != null) {
            RuntimeException e = damage;
            damage = null;
            throw e;
        }
        return ready.poll();
    }

    private Packet nextPacket() throws IOException {
        if (track instanceof MPSDemuxer.MPEGTrack mpeg) {
            return mpeg.getES().getFrame();
        }
        return track.nextFrame();
    }

    /**
     * The last picture of a transport stream whose file ends inside a 188-byte packet, or whose next packet is
     * damaged ({@link CheckedTransportStream}), is incomplete: JCodec's H.264 decoder can loop for ever on it, so it is
     * not decoded. The pictures shown before it still come out, as FFmpeg gives them.
     */
    private void dropCutPicture(Packet packet) {
        String why = checked != null && checked.damage() != null ? checked.damage() : "the file ends inside it: " + size
                + " bytes is not a whole number of 188-byte transport packets";
        stopAt(packet, new IllegalStateException(DAMAGED_PICTURE + " (" + why + ")"));
    }

    /** Decoding ends at {@code packet}'s picture: the pictures to be shown before it come out, then the error. */
    private void stopAt(Packet packet, RuntimeException error) {
        ended = true;
        damage = error;
        if (order != null) {
            long cutPts = packet.getPts();
            for (DisplayOrder.Entry e = order.poll(); e != null && e.pts() < cutPts; e = order.poll()) {
                emitInTimeStampOrder(e);
            }
        } else if (mpeg2PictureType(packet.getData()) != PICTURE_B) {
            flush();
        }
    }

    private void decode(Packet packet) {
        ByteBuffer data = packet.getData();
        if (decoder == null) {
            chooseDecoder(data.duplicate());
        }
        int pictureType = order == null ? mpeg2PictureType(data) : 0;
        // A fresh buffer per picture: the decoders keep reference pictures in the buffers they were given.
        byte[][] buffer = Picture.create(width, height, ColorSpace.YUV444).getData();
        Picture pic;
        try {
            pic = decoder.decodeFrame(data, buffer);
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("unsupported")) {
                throw e; // a feature JCodec lacks (MBAFF, 4:2:2…): refused by name, not called damage
            }
            // JCodec meets damaged data with a null or an index out of range: the pictures before it are kept
            stopAt(packet, new IllegalStateException(DAMAGED_PICTURE + " (the decoder failed on it: "
                    + e.getClass().getSimpleName() + " inside JCodec)", e));
            return;
        }
        if (decoder instanceof SliceCheckingMpegDecoder mpeg2 && (damage = mpeg2.takeSliceError()) != null) {
            ended = true;
            if (pictureType != PICTURE_B) {
                flush(); // the anchor held back is shown before a damaged I or P picture, so it still comes out
            }
            return;
        }
        if (pic == null) {
            return;
        }
        if (order != null) {
            order.add(packet.getPts(), pic);
            if (order.ready()) {
                emitInTimeStampOrder(order.poll());
            }
        } else if (pictureType == PICTURE_B) {
            emitAtFrameRate(pic);
        } else {
            if (heldAnchor != null) {
                emitAtFrameRate(heldAnchor);
            }
            heldAnchor = pic;
        }
    }

    private void flush() {
        if (order != null) {
            for (DisplayOrder.Entry e = order.poll(); e != null; e = order.poll()) {
                emitInTimeStampOrder(e);
            }
        } else if (heldAnchor != null) {
            emitAtFrameRate(heldAnchor);
            heldAnchor = null;
        }
    }

    private void emitInTimeStampOrder(DisplayOrder.Entry e) {
        if (firstPts == Long.MIN_VALUE) {
            firstPts = e.pts();
        }
        ready.add(Frame.of(e.picture(), (e.pts() - firstPts) / PTS_CLOCK));
    }

    private void emitAtFrameRate(Picture pic) {
        ready.add(Frame.of(pic, shown++ / frameRate));
    }

    private void chooseDecoder(ByteBuffer first) {
        int h264 = H264Decoder.probe(first.duplicate());
        int mpeg2 = MPEGDecoder.probe(first.duplicate());
        if (h264 >= mpeg2 && h264 > 0) {
            decoder = new H264Decoder();
            codec = "H.264";
            order = new DisplayOrder(H264Reordering.depth(first));
        } else if (mpeg2 > 0) {
            decoder = new SliceCheckingMpegDecoder();
            codec = "MPEG-2";
            frameRate = mpeg2FrameRate(first);
        } else {
            throw new UnsupportedOperationException("Codec is not supported (neither H.264 nor MPEG-2 video)");
        }
        VideoCodecMeta meta = decoder.getCodecMeta(first.duplicate());
        if (meta == null || meta.getSize() == null) {
            throw new IllegalStateException("no sequence header at the start of the video stream");
        }
        PixelLimits.checkVideoFrame(file.toString(), meta.getSize().getWidth(), meta.getSize().getHeight());
        width = (meta.getSize().getWidth() + 31) & ~31;
        height = (meta.getSize().getHeight() + 31) & ~31;
    }

    /** frame_rate_code of an MPEG-2 sequence header (00 00 01 B3, then 12+12+4 bits before it), else 25. */
    private static double mpeg2FrameRate(ByteBuffer data) {
        int at = findStartCode(data, 0xB3);
        if (at < 0 || at + 8 > data.limit()) {
            return 25;
        }
        int code = data.get(at + 7) & 0x0F;
        return code > 0 && code < MPEG2_FRAME_RATES.length ? MPEG2_FRAME_RATES[code] : 25;
    }

    /** picture_coding_type of an MPEG-2 picture header (00 00 01 00, 10 bits temporal_reference, 3 bits type). */
    private static int mpeg2PictureType(ByteBuffer data) {
        int at = findStartCode(data, 0x00);
        return at < 0 || at + 6 > data.limit() ? 0 : (data.get(at + 5) >> 3) & 0x07;
    }

    private static int findStartCode(ByteBuffer data, int code) {
        for (int i = data.position(); i + 3 < data.limit(); i++) {
            if (data.get(i) == 0 && data.get(i + 1) == 0 && data.get(i + 2) == 1 && (data.get(i + 3) & 0xff) == code) {
                return i;
            }
        }
        return -1;
    }

    /** An MPEG stream declares no frame count; its codec is known once the first picture has been probed. */
    @Override
    public StreamFormat format() {
        return new StreamFormat(container, codec, -1);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * JCodec's MPEG-2 decoder catches an error in a slice, prints its stack trace and returns the picture with that
     * part undecoded (a stream cut in the middle of a picture ends that way). Here the error is kept instead and the
     * damaged picture dropped: decoding stops, the intact stills come out and the error is reported after them.
     */
    private static final class SliceCheckingMpegDecoder extends MPEGDecoder {
        private RuntimeException sliceError;

        @Override
        public void decodeSlice(PictureHeader ph, int verticalPos, Context context, byte[][] buf, BitReader in,
                int vertOff, int vertStep) throws IOException {
            try {
                super.decodeSlice(ph, verticalPos, context, buf, in, vertOff, vertStep);
            } catch (RuntimeException e) {
                if (sliceError == null) {
                    sliceError = e;
                }
            }
        }

        /** The first slice error of the picture just decoded, as the stream's error, or null. */
        RuntimeException takeSliceError() {
            RuntimeException e = sliceError;
            sliceError = null;
            return e == null ? null
                    : new IllegalStateException(DAMAGED_PICTURE + " (decoder: " + e.getMessage() + ")", e);
        }
    }
}
