package nero.io.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_DVVIDEO;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG1VIDEO;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG2VIDEO;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PRORES;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_BITSTREAM;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_BUFFER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_CAREFUL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_CRCCHECK;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_sample_aspect_ratio;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_stream_get_side_data;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry_from_timestamp;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_B;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_side_data;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import ij.ImagePlus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import nero.core.InvalidInputException;
import nero.io.FfmpegLibrary;
import nero.io.PixelLimits;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVFrameSideData;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Video stills through FFmpeg (libavformat/libavcodec, LGPL build): every container and codec FFmpeg reads, in
 * display order, with time stamps from the container. Interlaced frames are deinterlaced (bwdif) as they come; the
 * stream's rotation and pixel aspect ratio are applied when a still is converted to RGB, which happens only for the
 * stills kept. When the sampling step is longer than the distance between key frames and the container has an index
 * (MP4/MOV, AVI, Matroska with cues…), the stream seeks to the key frame before the next still instead of decoding
 * every picture in between.
 *
 * <p>Damage: a picture the decoder reports as concealed or corrupt, and every picture after a refused packet up to
 * the next clean key frame, carries a {@link Frame#damage()} note and is never scored; a container that cannot be
 * read on is reported at the end.
 */
final class FfmpegFrameStream implements VideoFrameStream {
    private static final int EAGAIN = -(Loader.getPlatform().startsWith("macosx") ? 35 : 11);
    private static final int FRAME_FLAG_INTERLACED = 1 << 3;
    /** Consecutive decode errors after which the stream is given up as unreadable. */
    private static final int MAX_ERRORS_IN_A_ROW = 200;
    /** {@code -Dnero.video.seek=false} decodes every picture (to compare, or for a demuxer whose index lies). */
    static final String SEEK_PROPERTY = "nero.video.seek";
    /**
     * Decoder threads ({@code -Dnero.video.threads=N}; 0 = FFmpeg's choice). One by default: decoding shares the cores
     * with inference, and with frame threads FFmpeg can hand out the last picture of a cut H.264 stream before marking
     * it damaged (seen here in 3 of 6 runs), so damage detection would depend on timing.
     */
    static final String THREADS_PROPERTY = "nero.video.threads";

    /** Demuxers that read the whole file's index when opening it, so a seek lands on the key frame it names. */
    private static final java.util.Set<String> INDEXED_DEMUXERS = java.util.Set.of("mov,mp4,m4a,3gp,3g2,mj2", "avi",
            "matroska,webm");

    private final String name;
    private final StreamFormat streamFormat;
    private AVFormatContext format;
    private AVCodecContext decoder;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame decoded = av_frame_alloc();
    private final AVStream stream;
    private final int streamIndex;
    private final AVRational timeBase;
    private final double secondsPerTick;
    private final long origin;
    private final double fps;
    private final boolean seekable;
    private final int rotation;
    private final FfmpegPictures pictures;
    private final Map<Long, String> damageByPts = new HashMap<>();
    private final java.util.ArrayDeque<Held> held = new java.util.ArrayDeque<>();
    private AVFrame given;
    private boolean drained;
    private FfmpegDeinterlacer deinterlacer;
    private String deinterlacedWith;
    private boolean deinterlaceFailed;
    private boolean inputEnded;
    private final PictureDamage pictureDamage = new PictureDamage();
    private String readProblem;
    private int errorsInARow;
    private long decodedCount;
    private long lastPacketDts = Long.MIN_VALUE;
    private long lastIndex = -1;
    private long lastPts = Long.MIN_VALUE;
    private int sarNum;
    private int sarDen = 1;

    private FfmpegFrameStream(Path file, String name, String containerHint, boolean untaggedIsBt601) throws IOException {
        pictures = new FfmpegPictures(untaggedIsBt601);
        try {
            AVFormatContext ctx = avformat_alloc_context();
            try (BytePointer path = new BytePointer(file.toAbsolutePath().toString(), StandardCharsets.UTF_8)) {
                int r = avformat_open_input(ctx, path, null, (AVDictionary) null);
                if (r < 0) {
                    throw openFailure(name, containerHint, r); // FFmpeg frees the context on failure
                }
            }
            format = ctx;
            int r = avformat_find_stream_info(format, (AVDictionary) null);
            String containerName = containerHint != null ? containerHint : containerName(format);
            if (r < 0) {
                throw new InvalidInputException(name + ": truncated or corrupt " + containerName
                        + " file: FFmpeg cannot read its stream information (" + errorText(r) + ")");
            }
            streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (streamIndex < 0) {
                throw new UnsupportedVideoException(name, containerName, "none", "the file has no video stream", null);
            }
            stream = format.streams(streamIndex);
            AVCodecParameters par = stream.codecpar();
            String codec = codecName(par.codec_id());
            if (par.width() > 0 || par.height() > 0) {
                PixelLimits.checkVideoFrame(name, par.width(), par.height()); // before the decoder allocates anything
            }
            this.name = name;
            AVCodec found = avcodec_find_decoder(par.codec_id());
            if (found == null || found.isNull()) {
                throw new UnsupportedVideoException(name, containerName, codec,
                        "no decoder for this codec in the FFmpeg build", null);
            }
            decoder = avcodec_alloc_context3(found);
            avcodec_parameters_to_context(decoder, par);
            decoder.pkt_timebase(stream.time_base());
            decoder.thread_count(Math.max(0, Integer.getInteger(THREADS_PROPERTY, 1)));
            // look harder for damage (checksums where the codec has them, bitstream and buffer checks, careful)
            decoder.err_recognition(AV_EF_CRCCHECK | AV_EF_BITSTREAM | AV_EF_BUFFER | AV_EF_CAREFUL);
            r = avcodec_open2(decoder, found, (AVDictionary) null);
            if (r < 0) {
                throw new UnsupportedVideoException(name, containerName, codec, "FFmpeg cannot open the decoder ("
                        + errorText(r) + ")", null);
            }
            timeBase = stream.time_base();
            secondsPerTick = av_q2d(timeBase);
            origin = stream.start_time() != AV_NOPTS_VALUE ? stream.start_time() : 0;
            fps = frameRate(stream);
            streamFormat = new StreamFormat(containerName, codec, stream.nb_frames() > 0
                    && stream.nb_frames() < Integer.MAX_VALUE ? (int) stream.nb_frames() : -1);
            seekable = !"false".equalsIgnoreCase(System.getProperty(SEEK_PROPERTY, "")) && fps > 0
                    && INDEXED_DEMUXERS.contains(format.iformat().name().getString())
                    && avformat_index_get_entries_count(stream) > 1;
            rotation = rotationOf(stream);
            AVRational sar = av_guess_sample_aspect_ratio(format, stream, null);
            sarNum = sar.num();
            sarDen = sar.den();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens the file; an {@link InvalidInputException} names the file and the problem. */
    static FfmpegFrameStream open(Path file, String name, String containerHint) {
        return open(file, name, containerHint, false);
    }

    /** As above; {@code untaggedIsBt601}: YCbCr that states no matrix is BT.601 whatever the height (DICOM video). */
    static FfmpegFrameStream open(Path file, String name, String containerHint, boolean untaggedIsBt601) {
        try {
            return new FfmpegFrameStream(file, name, containerHint, untaggedIsBt601);
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static InvalidInputException openFailure(String name, String containerHint, int code) {
        String container = containerHint == null ? "video" : containerHint;
        if ("MP4/MOV".equals(containerHint) && code == AVERROR_INVALIDDATA) {
            return new InvalidInputException(name + ": truncated or corrupt MP4/MOV file: no movie header ('moov' box)"
                    + " found, or the header is damaged");
        }
        if (containerHint == null) {
            return new UnsupportedVideoException(name, "unknown", "unknown", "not a video FFmpeg can read ("
                    + errorText(code) + ")", null);
        }
        return new InvalidInputException(name + ": truncated or corrupt " + container + " file: FFmpeg cannot open it ("
                + errorText(code) + ")");
    }

    @Override
    public Frame next() throws IOException {
        if (given != null) {
            av_frame_free(given);
            given = null;
        }
        while (!drained && held.size() <= holdBack()) {
            drained = !decodeOne();
        }
        Held h = held.poll();
        if (h == null) {
            return null;
        }
        given = h.frame;
        return frame(h.frame, h.damage);
    }

    /**
     * Pictures are handed out {@link #holdBack()} pictures late: a B picture is shown before the later anchor it was
     * predicted from, so when that anchor turns out damaged, the pictures shown before it (still held here) are
     * marked damaged too.
     */
    private int holdBack() {
        return Math.max(2, decoder.has_b_frames()) + 1;
    }

    /** A decoded (and, where interlaced, deinterlaced) picture waiting to be handed out. */
    private static final class Held {
        final AVFrame frame;
        String damage;

        Held(AVFrame frame, String damage) {
            this.frame = frame;
            this.damage = damage;
        }
    }

    /** Decodes until one more picture is held; false at the end of the stream. */
    private boolean decodeOne() throws IOException {
        av_frame_unref(decoded);
        while (true) {
            if (deinterlacer != null) {
                AVFrame out = deinterlacer.pull();
                if (out != null) {
                    hold(out, damageByPts.remove(out.pts()));
                    return true;
                }
                if (deinterlacer.finished()) {
                    return false;
                }
            }
            int r = avcodec_receive_frame(decoder, decoded);
            if (r == 0) {
                PixelLimits.checkVideoFrame(name, decoded.width(), decoded.height()); // the size can change mid-stream
                errorsInARow = 0;
                decodedCount++;
                String damage = pictureDamage.of(decoded);
                if (needsDeinterlacing(decoded)) {
                    damageByPts.put(decoded.best_effort_timestamp(), damage);
                    deinterlacer.push(decoded);
                    av_frame_unref(decoded);
                    continue;
                }
                hold(decoded, damage);
                return true;
            }
            if (r == EAGAIN) {
                feed();
            } else if (r == AVERROR_EOF) {
                if (deinterlacer == null) {
                    return false;
                }
                deinterlacer.flush();
                if (deinterlacer.finished()) {
                    return false;
                }
                AVFrame out = deinterlacer.pull();
                if (out == null) {
                    return false;
                }
                hold(out, damageByPts.remove(out.pts()));
                return true;
            } else {
                noteDecodeError(r);
            }
        }
    }

    private void hold(AVFrame f, String damage) {
        if (damage != null) {
            markBPicturesShownBefore();
        }
        held.add(new Held(av_frame_clone(f), damage));
    }

    /**
     * The B pictures held at the end of the queue, shown just before the damaged picture that comes out now, were
     * decoded after it (it is their later anchor) and are predicted from it: they are damaged too. Output order, not
     * time stamps, which damage can scramble.
     */
    private void markBPicturesShownBefore() {
        for (java.util.Iterator<Held> it = held.descendingIterator(); it.hasNext();) {
            Held earlier = it.next();
            if (earlier.frame.pict_type() != AV_PICTURE_TYPE_B) {
                return;
            }
            if (earlier.damage == null) {
                earlier.damage = "a picture it is predicted from is damaged";
            }
        }
    }

    private void noteDecodeError(int code) throws IOException {
        pictureDamage.decodeError(errorText(code));
        markBPicturesShownBefore();
        if (++errorsInARow > MAX_ERRORS_IN_A_ROW) {
            throw new IOException("the decoder failed on " + MAX_ERRORS_IN_A_ROW + " pictures in a row ("
                    + errorText(code) + ")");
        }
    }

    /** Sends the next packet of the video stream to the decoder, or starts draining it at the end of the input. */
    private void feed() throws IOException {
        if (inputEnded) {
            avcodec_send_packet(decoder, null);
            return;
        }
        int r = av_read_frame(format, packet);
        if (r < 0) {
            if (r != AVERROR_EOF) {
                readProblem = "the container cannot be read on after t=" + seconds(lastPts) + " s (" + errorText(r) + ")";
            }
            inputEnded = true;
            avcodec_send_packet(decoder, null);
            return;
        }
        try {
            if (packet.stream_index() != streamIndex) {
                return;
            }
            if (packet.dts() != AV_NOPTS_VALUE) {
                lastPacketDts = packet.dts();
            }
            if ((packet.flags() & AV_PKT_FLAG_CORRUPT) != 0) {
                pictureDamage.corruptPacket();
            }
            int s = avcodec_send_packet(decoder, packet);
            if (s < 0 && s != EAGAIN && s != AVERROR_EOF) {
                noteDecodeError(s);
            }
        } finally {
            av_packet_unref(packet);
        }
    }

    private boolean needsDeinterlacing(AVFrame f) {
        if (deinterlacer != null && !deinterlacer.accepts(f)) {
            deinterlacer.close(); // the stream changed size or format mid-way: start a new graph
            deinterlacer = null;
        }
        if (deinterlacer == null && !deinterlaceFailed
                && ((f.flags() & FRAME_FLAG_INTERLACED) != 0 || f.interlaced_frame() != 0)) {
            deinterlacer = FfmpegDeinterlacer.create(f, timeBase);
            deinterlaceFailed = deinterlacer == null;
            if (deinterlacer != null) {
                deinterlacedWith = deinterlacer.filterName();
            }
        }
        return deinterlacer != null;
    }

    private Frame frame(AVFrame f, String damage) {
        long pts = f.best_effort_timestamp() != AV_NOPTS_VALUE ? f.best_effort_timestamp() : f.pts();
        if (pts == AV_NOPTS_VALUE) {
            pts = lastPts == Long.MIN_VALUE ? origin : lastPts + Math.max(1, Math.round(1 / (fps > 0 ? fps : 25)
                    / secondsPerTick));
        }
        if (lastPts != Long.MIN_VALUE && pts <= lastPts && damage == null) {
            damage = "its time stamp goes back (the stream is damaged here)";
        }
        lastPts = Math.max(pts, lastPts);
        double seconds = Math.max(0, (pts - origin) * secondsPerTick);
        long index = fps > 0 ? Math.max(Math.round(seconds * fps), lastIndex + 1) : -1;
        lastIndex = index;
        if (f.sample_aspect_ratio().num() > 0 && f.sample_aspect_ratio().den() > 0) {
            sarNum = f.sample_aspect_ratio().num();
            sarDen = f.sample_aspect_ratio().den();
        }
        int turn = rotation >= 0 ? rotation : 0;
        int frameTurn = frameRotation(f);
        int finalTurn = frameTurn >= 0 ? frameTurn : turn;
        return new FfFrame(seconds, index, damage, f, sarNum, sarDen, finalTurn, pictures);
    }

    private record FfFrame(double seconds, long index, String damage, AVFrame frame, int sarNum, int sarDen,
            int rotation, FfmpegPictures pictures) implements Frame {
        @Override
        public ImagePlus image(String title) {
            return pictures.toImage(frame, sarNum, sarDen, rotation, title);
        }
    }

    @Override
    public void skipTo(double seconds, long index) {
        // (capped far beyond any recording, so the tick arithmetic below cannot overflow)
        double wanted = Math.min(1e7, Double.isNaN(seconds) && index >= 0 ? index / fps : seconds);
        if (!seekable || inputEnded || !(wanted > 0)) {
            return;
        }
        // Aim a few frames early: the key frame found must be shown before the wanted time even with reordering.
        int reorder = Math.max(2, decoder.has_b_frames()) + 2;
        long target = origin + (long) Math.floor((wanted - reorder / fps) / secondsPerTick);
        AVIndexEntry key = avformat_index_get_entry_from_timestamp(stream, target, AVSEEK_FLAG_BACKWARD);
        if (key == null || key.isNull() || key.timestamp() <= lastPacketDts) {
            return; // the key frame is behind what was read: decoding on is cheaper than seeking
        }
        long keyTs = key.timestamp();
        // the demuxer picks the key frame at or before the target itself (its index has corrections of its own)
        if (av_seek_frame(format, streamIndex, target, AVSEEK_FLAG_BACKWARD) < 0) {
            return;
        }
        avcodec_flush_buffers(decoder);
        for (Held h : held) {
            av_frame_free(h.frame); // pictures before the key frame sought: not wanted
        }
        held.clear();
        drained = false;
        if (deinterlacer != null) {
            deinterlacer.close();
            deinterlacer = null;
        }
        damageByPts.clear();
        pictureDamage.reset();
        lastPacketDts = keyTs - 1;
    }

    /** Problem met reading the container (not the end of the file), or null. */
    String readProblem() {
        return readProblem;
    }

    /** The display index the stream reached (last frame returned), for truncation checks, or −1. */
    long lastIndex() {
        return lastIndex;
    }

    @Override
    public long decodedFrames() {
        return decodedCount;
    }

    @Override
    public StreamFormat format() {
        return streamFormat;
    }

    @Override
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("decoder", "FFmpeg " + FfmpegLibrary.version());
        if (deinterlacedWith != null) {
            m.put("deinterlaced", deinterlacedWith);
        }
        if (rotation > 0) {
            m.put("rotation", Integer.toString(rotation));
        }
        if (sarNum > 0 && sarDen > 0 && sarNum != sarDen) {
            m.put("sample_aspect_ratio", sarNum + ":" + sarDen);
        }
        return m;
    }

    private String seconds(long pts) {
        return pts == Long.MIN_VALUE ? "0" : String.format(Locale.ROOT, "%.3f", (pts - origin) * secondsPerTick);
    }

    static double frameRate(AVStream s) {
        for (AVRational r : new AVRational[] {s.avg_frame_rate(), s.r_frame_rate()}) {
            double v = r.den() > 0 ? (double) r.num() / r.den() : 0;
            if (v > 0 && v <= 1000 && Double.isFinite(v)) {
                return v;
            }
        }
        return 0;
    }

    /** Clockwise degrees that turn the stored picture upright, from the stream's display matrix (−1: none). */
    @SuppressWarnings("deprecation")
    static int rotationOf(AVStream stream) {
        AVCodecParameters par = stream.codecpar();
        AVPacketSideData data = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(),
                AV_PKT_DATA_DISPLAYMATRIX);
        if (data != null && !data.isNull() && data.size() >= 36) {
            return quarterTurns(av_display_rotation_get(new IntPointer(data.data())));
        }
        // FFmpeg 6.1's demuxers still fill the stream's own side data, which 6.1 deprecates in favour of the above
        try (SizeTPointer size = new SizeTPointer(1)) {
            BytePointer matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, size);
            if (matrix == null || matrix.isNull() || size.get() < 36) {
                return -1;
            }
            return quarterTurns(av_display_rotation_get(new IntPointer(matrix)));
        }
    }

    static int frameRotation(AVFrame f) {
        AVFrameSideData data = av_frame_get_side_data(f, AV_FRAME_DATA_DISPLAYMATRIX);
        if (data == null || data.isNull() || data.size() < 36) {
            return -1;
        }
        return quarterTurns(av_display_rotation_get(new IntPointer(data.data())));
    }

    /** FFmpeg's display rotation is counter-clockwise; the picture is turned back clockwise by that much. */
    static int quarterTurns(double counterClockwise) {
        if (!Double.isFinite(counterClockwise)) {
            return 0;
        }
        long clockwise = Math.round(-counterClockwise / 90.0) * 90;
        return (int) (((clockwise % 360) + 360) % 360);
    }

    static String containerName(AVFormatContext ctx) {
        String n = ctx.iformat() == null ? "" : ctx.iformat().name().getString();
        return switch (n) {
            case "mov,mp4,m4a,3gp,3g2,mj2" -> "MP4/MOV";
            case "mpegts" -> "MPEG-TS";
            case "mpeg" -> "MPEG-PS";
            case "avi" -> "AVI";
            case "matroska,webm" -> "Matroska/WebM";
            case "asf" -> "ASF/WMV";
            case "flv" -> "FLV";
            case "ogg" -> "Ogg";
            case "dv" -> "DV";
            default -> n.isEmpty() ? "unknown" : n;
        };
    }

    static String codecName(int id) {
        if (id == AV_CODEC_ID_H264) {
            return "H.264";
        } else if (id == AV_CODEC_ID_HEVC) {
            return "HEVC";
        } else if (id == AV_CODEC_ID_MPEG2VIDEO) {
            return "MPEG-2";
        } else if (id == AV_CODEC_ID_MPEG1VIDEO) {
            return "MPEG-1";
        } else if (id == AV_CODEC_ID_MPEG4) {
            return "MPEG-4 Part 2";
        } else if (id == AV_CODEC_ID_MJPEG) {
            return "Motion JPEG";
        } else if (id == AV_CODEC_ID_VP8) {
            return "VP8";
        } else if (id == AV_CODEC_ID_VP9) {
            return "VP9";
        } else if (id == AV_CODEC_ID_AV1) {
            return "AV1";
        } else if (id == AV_CODEC_ID_PRORES) {
            return "ProRes";
        } else if (id == AV_CODEC_ID_DVVIDEO) {
            return "DV";
        }
        BytePointer n = avcodec_get_name(id);
        return n == null ? "unknown" : n.getString();
    }

    static String errorText(int code) {
        byte[] buf = new byte[256];
        av_strerror(code, buf, buf.length);
        int end = 0;
        while (end < buf.length && buf[end] != 0) {
            end++;
        }
        return new String(buf, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (deinterlacer != null) {
            deinterlacer.close();
            deinterlacer = null;
        }
        pictures.close();
        for (Held h : held) {
            av_frame_free(h.frame);
        }
        held.clear();
        if (given != null) {
            av_frame_free(given);
            given = null;
        }
        FfmpegReading.free(decoded, packet, decoder, format);
        decoder = null;
        format = null;
    }
}
