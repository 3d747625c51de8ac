package nero.io.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_BITSTREAM;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_BUFFER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_CAREFUL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_CRCCHECK;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_sample_aspect_ratio;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avio_enum_protocols;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import ij.ImagePlus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nero.core.InvalidInputException;
import nero.io.FfmpegLibrary;
import nero.io.FileKind;
import nero.io.PixelLimits;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Pictures of a live source as they arrive, through FFmpeg's natives: a video file, a network stream (every input
 * protocol of the bundled build: udp, rtp, rtsp, srt, http, https, tcp, rtmp, hls…) or a V4L2 capture device (the
 * bundled build's libavdevice has {@code video4linux2}). Each picture is handed out as soon as it is decoded (no
 * look-ahead beyond the deinterlacer's one frame), stamped with the time its data was read.
 *
 * <p>Every blocking FFmpeg call runs under an interrupt callback: {@link #stop()} from any thread ends a read that
 * waits for data, and a network source or device that sends nothing for {@link Options#readTimeoutSeconds} (or
 * opens nothing within {@link Options#openTimeoutSeconds}) ends with {@link End#TIMED_OUT} instead of hanging.
 *
 * <p>Pictures are converted to RGB exactly as {@code score} converts a video still ({@link FfmpegPictures}: the
 * stream's matrix and range, pixel aspect ratio, rotation; interlaced pictures deinterlaced with the same filter),
 * so a frame gives the model the same pixels on both paths. A picture the decoder reports as damaged, and every
 * picture after damaged data up to the next clean key frame, carries a {@link Frame#damage()} note.
 */
public final class LiveFrameSource implements AutoCloseable {
    private static final int EAGAIN = -(Loader.getPlatform().startsWith("macosx") ? 35 : 11);
    private static final int FRAME_FLAG_INTERLACED = 1 << 3;
    private static final int MAX_ERRORS_IN_A_ROW = 200;
    private static final Object DEVICES_LOCK = new Object();
    private static boolean devicesRegistered;

    /**
     * {@code openTimeoutSeconds}: how long opening a stream or device may wait for enough data to know what it is;
     * {@code readTimeoutSeconds}: how long a stream or device may send nothing before it counts as stopped. Files
     * have no time limits.
     */
    public record Options(double openTimeoutSeconds, double readTimeoutSeconds) {
        public Options {
            if (!(openTimeoutSeconds > 0) || !(readTimeoutSeconds > 0)) {
                throw new InvalidInputException("time-outs must be positive seconds, got open " + openTimeoutSeconds
                        + " s, read " + readTimeoutSeconds + " s");
            }
        }

        public static Options defaults() {
            return new Options(15, 5);
        }
    }

    /** Why {@link #next()} returned null. */
    public enum End {
        /** The file ended, or the stream said it ended. */
        FINISHED,
        /** {@link #stop()} was called. */
        STOPPED,
        /** A stream or device sent nothing for the read time-out. */
        TIMED_OUT,
        /** The container could not be read on, or the decoder failed on picture after picture. */
        FAILED
    }

    /** The stream as opened: container and codec names, coded size, frame rate (0 when unknown). */
    public record Info(String source, StreamAddress.Kind kind, String container, String codec, int width, int height,
            double fps) {
    }

    /** One decoded picture; valid until the next call of {@link #next()}. */
    public interface Frame {
        /** 1-based frame number from the time stamp at the stream's frame rate (as {@code score} numbers stills). */
        long number();

        /** Display time from the first frame of the stream (as received), in seconds. */
        double seconds();

        /** {@link System#nanoTime()} when the data of this picture was read. */
        long arrivalNanos();

        /** Why this picture must not be scored (damaged data), or null. */
        String damage();

        /** Width and height of {@link #image} (after pixel aspect ratio and rotation). */
        int displayWidth();

        int displayHeight();

        /** The picture as an RGB image, the same pixels {@code score} gives for this frame. */
        ImagePlus image(String title);
    }

    private final StreamAddress address;
    private final String name;
    private final Options options;
    private final Interrupt interrupt = new Interrupt();
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame decoded = av_frame_alloc();
    private final FfmpegPictures pictures = new FfmpegPictures(false); // untagged: by height, as for video files
    private final Map<Long, Long> arrivals = new HashMap<>();
    private final Map<Long, String> damages = new HashMap<>();
    private AVFormatContext format;
    private AVCodecContext decoder;
    private AVStream stream;
    private int streamIndex;
    private double secondsPerTick;
    private long origin = AV_NOPTS_VALUE;
    private double fps;
    private int rotation;
    private int sarNum;
    private int sarDen = 1;
    private Info info;
    private FfmpegDeinterlacer deinterlacer;
    private boolean deinterlaceFailed;
    private boolean inputEnded;
    private boolean drained;
    private final PictureDamage pictureDamage = new PictureDamage();
    private int errorsInARow;
    private long lastIndex = -1;
    private long lastPts = Long.MIN_VALUE;
    private long decodedCount;
    private End end;
    private String endDetail;

    private LiveFrameSource(StreamAddress address, Options options) {
        this.address = address;
        this.name = address.shown();
        this.options = options;
    }

    /** Opens the source; an {@link InvalidInputException} names it and says what is wrong. */
    public static LiveFrameSource open(StreamAddress address, Options options) {
        if (!FfmpegLibrary.available()) {
            throw new InvalidInputException(address.shown() + ": live sources need FFmpeg's native libraries, which "
                    + "are not in use here: " + FfmpegLibrary.problem());
        }
        LiveFrameSource s = new LiveFrameSource(address, options);
        try {
            s.openInput();
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Input protocols of the bundled FFmpeg (udp, rtp, srt, http, https, tcp, …), sorted. */
    public static Set<String> inputProtocols() {
        Set<String> names = new TreeSet<>();
        try (PointerPointer<Pointer> opaque = new PointerPointer<>(1)) {
            opaque.put(0, (Pointer) null);
            BytePointer p;
            while ((p = avio_enum_protocols(opaque, 0)) != null && !p.isNull()) {
                names.add(p.getString());
            }
        }
        return names;
    }

    /** Whether the bundled FFmpeg reads {@code scheme://} addresses (rtsp is a demuxer over tcp/udp, not a protocol). */
    static boolean readsScheme(String scheme) {
        if (scheme.equals("rtsp") || scheme.equals("rtsps")) {
            AVInputFormat rtsp = av_find_input_format("rtsp");
            return rtsp != null && !rtsp.isNull() && (scheme.equals("rtsp") || inputProtocols().contains("tls"));
        }
        return inputProtocols().contains(scheme);
    }

    private void openInput() {
        AVInputFormat inputFormat = null;
        String url;
        switch (address.kind()) {
            case FILE -> {
                FileKind.of(address.file()); // refuses missing, empty and unreadable files with the usual message
                url = address.file().toAbsolutePath().toString();
            }
            case NETWORK -> {
                if (!readsScheme(address.scheme())) {
                    throw new InvalidInputException(name + ": the bundled FFmpeg " + FfmpegLibrary.version()
                            + " has no '" + address.scheme() + "' protocol; it reads " + String.join(", ",
                                    readableSchemes()));
                }
                url = address.text();
            }
            case DEVICE -> {
                address.checkDeviceExists();
                inputFormat = captureDeviceFormat();
                url = address.text();
            }
            default -> throw new IllegalStateException(address.kind().toString());
        }
        AVFormatContext ctx = avformat_alloc_context();
        ctx.interrupt_callback().callback(interrupt);
        AVDictionary dict = connectionOptions();
        interrupt.deadline(address.isFile() ? 0 : options.openTimeoutSeconds());
        int r;
        try (BytePointer path = new BytePointer(url, StandardCharsets.UTF_8)) {
            r = avformat_open_input(ctx, path, inputFormat, dict);
        } finally {
            av_dict_free(dict); // what the protocol did not take: ours are hints, none is required
        }
        if (r < 0) {
            throw openFailure(r, "cannot open it"); // FFmpeg has freed the context
        }
        format = ctx;
        r = avformat_find_stream_info(format, (AVDictionary) null);
        if (r < 0) {
            throw openFailure(r, "cannot read its stream information");
        }
        String container = FfmpegFrameStream.containerName(format);
        streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (streamIndex < 0) {
            throw new UnsupportedVideoException(name, container, "none", "the source has no video stream", null);
        }
        stream = format.streams(streamIndex);
        AVCodecParameters par = stream.codecpar();
        String codec = FfmpegFrameStream.codecName(par.codec_id());
        if (par.width() > 0 || par.height() > 0) {
            PixelLimits.checkVideoFrame(name, par.width(), par.height());
        }
        AVCodec found = avcodec_find_decoder(par.codec_id());
        if (found == null || found.isNull()) {
            throw new UnsupportedVideoException(name, container, codec, "no decoder for this codec in the FFmpeg build",
                    null);
        }
        decoder = avcodec_alloc_context3(found);
        avcodec_parameters_to_context(decoder, par);
        decoder.pkt_timebase(stream.time_base());
        // one decoder thread: the other core runs the model; frame threads would also delay each picture
        decoder.thread_count(1);
        decoder.err_recognition(AV_EF_CRCCHECK | AV_EF_BITSTREAM | AV_EF_BUFFER | AV_EF_CAREFUL);
        r = avcodec_open2(decoder, found, (AVDictionary) null);
        if (r < 0) {
            throw new UnsupportedVideoException(name, container, codec, "FFmpeg cannot open the decoder ("
                    + FfmpegFrameStream.errorText(r) + ")", null);
        }
        secondsPerTick = av_q2d(stream.time_base());
        if (stream.start_time() != AV_NOPTS_VALUE) {
            origin = stream.start_time();
        }
        fps = FfmpegFrameStream.frameRate(stream);
        int turn = FfmpegFrameStream.rotationOf(stream);
        rotation = Math.max(turn, 0);
        AVRational sar = av_guess_sample_aspect_ratio(format, stream, null);
        sarNum = sar.num();
        sarDen = sar.den();
        info = new Info(name, address.kind(), container, codec, par.width(), par.height(), fps);
        interrupt.deadline(address.isFile() ? 0 : options.readTimeoutSeconds());
    }

    /** Hints per protocol: a UDP input keeps its own packet buffer and survives an overrun (it drops, as a viewer does). */
    private AVDictionary connectionOptions() {
        AVDictionary dict = new AVDictionary(null);
        if (address.kind() == StreamAddress.Kind.NETWORK && address.scheme().equals("udp")) {
            av_dict_set(dict, "overrun_nonfatal", "1", 0);
            av_dict_set(dict, "fifo_size", "100000", 0); // in 188-byte units: about 18 MB, seconds of HD video
        }
        return dict;
    }

    /** Protocols that are not a way to receive a stream (local plumbing), left out of messages. */
    private static final Set<String> PLUMBING = Set.of("async", "cache", "concat", "concatf", "crypto", "data", "fd",
            "ffrtmpcrypt", "ffrtmphttp", "file", "pipe", "subfile", "md5", "tee", "unix", "ipfs", "ipns", "gopher",
            "gophers", "httpproxy", "prompeg", "icecast");

    private static List<String> readableSchemes() {
        List<String> schemes = new ArrayList<>(inputProtocols());
        schemes.removeAll(PLUMBING);
        if (av_find_input_format("rtsp") != null) {
            schemes.add("rtsp");
        }
        schemes.sort(null);
        return schemes;
    }

    /** libavdevice's V4L2 input, registered once per JVM (the bundled build has it). */
    private AVInputFormat captureDeviceFormat() {
        try {
            registerDevices();
        } catch (Throwable e) { // UnsatisfiedLinkError and friends
            throw new InvalidInputException(name + ": capture devices need FFmpeg's libavdevice, which could not be "
                    + "loaded (" + e + ")");
        }
        AVInputFormat v4l2 = av_find_input_format("v4l2");
        if (v4l2 == null || v4l2.isNull()) {
            throw new InvalidInputException(name + ": the bundled FFmpeg " + FfmpegLibrary.version()
                    + " has no video4linux2 input device");
        }
        return v4l2;
    }

    private static void registerDevices() {
        synchronized (DEVICES_LOCK) {
            if (!devicesRegistered) {
                Loader.load(avdevice.class);
                avdevice.avdevice_register_all();
                devicesRegistered = true;
            }
        }
    }

    /** The video input devices of the bundled libavdevice (e.g. "video4linux2,v4l2"), loading it if needed. */
    static List<String> captureDeviceInputs() {
        registerDevices();
        List<String> names = new ArrayList<>();
        AVInputFormat f = null;
        while ((f = avdevice.av_input_video_device_next(f)) != null && !f.isNull()) {
            names.add(f.name().getString());
        }
        return names;
    }

    private InvalidInputException openFailure(int code, String what) {
        if (interrupt.reason == End.TIMED_OUT) {
            return new InvalidInputException(name + ": nothing usable arrived within "
                    + seconds(options.openTimeoutSeconds()) + " s (is the sender running and sending to this address?)");
        }
        if (interrupt.reason == End.STOPPED) {
            return new InvalidInputException(name + ": stopped while opening");
        }
        String text = FfmpegFrameStream.errorText(code);
        return switch (address.kind()) {
            case FILE -> new InvalidInputException(name + ": not a video FFmpeg can read; FFmpeg " + what + " ("
                    + text + ")");
            case DEVICE -> new InvalidInputException(name + ": the capture device " + what + " (" + text
                    + "; is it a video capture device, and is it free?)");
            case NETWORK -> new InvalidInputException(name + (code == AVERROR_INVALIDDATA
                    ? ": what arrives is not a video stream FFmpeg can read (" : ": " + what + " (") + text + ")");
        };
    }

    /** Stream facts after opening. */
    public Info info() {
        return info;
    }

    /** Ends a read that waits for data and makes {@link #next()} return null; any thread. */
    public void stop() {
        interrupt.stopped = true;
    }

    /** Why the source ended (null while it has not). */
    public End end() {
        return end;
    }

    /**
     * What happened at the end, with the time of the last picture, for a message ("no data for 5 s after
     * t=12.36 s"); null when it simply finished or was stopped.
     */
    public String endDetail() {
        return endDetail == null ? null : endDetail + " after t=" + seconds(lastSeconds()) + " s";
    }

    /** Pictures decoded so far (damaged ones included). */
    public long decodedFrames() {
        return decodedCount;
    }

    /** The next picture, or null at the end ({@link #end()} says why). */
    public Frame next() {
        if (interrupt.stopped) {
            finish(End.STOPPED, null);
            return null;
        }
        AVFrame f = decodeOne();
        return f == null ? null : frame(f);
    }

    private AVFrame decodeOne() {
        av_frame_unref(decoded);
        while (!drained) {
            if (deinterlacer != null) {
                AVFrame out = deinterlacer.pull();
                if (out != null) {
                    return out;
                }
            }
            int r = avcodec_receive_frame(decoder, decoded);
            if (r == 0) {
                PixelLimits.checkVideoFrame(name, decoded.width(), decoded.height());
                errorsInARow = 0;
                decodedCount++;
                long pts = decoded.best_effort_timestamp();
                damages.put(pts, pictureDamage.of(decoded));
                if (needsDeinterlacing(decoded)) {
                    deinterlacer.push(decoded);
                    av_frame_unref(decoded);
                    continue;
                }
                return decoded;
            }
            if (r == EAGAIN) {
                feed();
            } else if (r == AVERROR_EOF) {
                if (deinterlacer != null && !deinterlacer.finished()) {
                    deinterlacer.flush();
                    AVFrame out = deinterlacer.pull();
                    if (out != null) {
                        return out;
                    }
                }
                drained = true;
            } else if (!noteDecodeError(r)) {
                drained = true;
            }
        }
        if (end == null) {
            finish(End.FINISHED, null);
        }
        return null;
    }

    private void feed() {
        if (inputEnded) {
            avcodec_send_packet(decoder, null);
            return;
        }
        int r = av_read_frame(format, packet);
        long now = System.nanoTime();
        if (r < 0) {
            inputEnded = true;
            avcodec_send_packet(decoder, null);
            if (interrupt.reason != null) {
                finish(interrupt.reason, interrupt.reason == End.TIMED_OUT ? "no data for "
                        + seconds(options.readTimeoutSeconds()) + " s" : null);
            } else if (r != AVERROR_EOF) {
                finish(End.FAILED, "the source cannot be read on (" + FfmpegFrameStream.errorText(r) + ")");
            }
            return;
        }
        interrupt.deadline(address.isFile() ? 0 : options.readTimeoutSeconds());
        try {
            if (packet.stream_index() != streamIndex) {
                return;
            }
            long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
            if (arrivals.size() > 512) {
                arrivals.clear(); // time stamps that never came out as pictures (damage): forget them
            }
            arrivals.put(pts, now);
            if ((packet.flags() & AV_PKT_FLAG_CORRUPT) != 0) {
                pictureDamage.corruptPacket();
            }
            int s = avcodec_send_packet(decoder, packet);
            if (s < 0 && s != EAGAIN && s != AVERROR_EOF && !noteDecodeError(s)) {
                inputEnded = true;
            }
        } finally {
            av_packet_unref(packet);
        }
    }

    /** False when the decoder failed too often in a row: the source is given up. */
    private boolean noteDecodeError(int code) {
        pictureDamage.decodeError(FfmpegFrameStream.errorText(code));
        if (++errorsInARow > MAX_ERRORS_IN_A_ROW) {
            finish(End.FAILED, "the decoder failed on " + MAX_ERRORS_IN_A_ROW + " pictures in a row ("
                    + FfmpegFrameStream.errorText(code) + ")");
            return false;
        }
        return true;
    }

    private boolean needsDeinterlacing(AVFrame f) {
        if (deinterlacer != null && !deinterlacer.accepts(f)) {
            deinterlacer.close();
            deinterlacer = null;
        }
        if (deinterlacer == null && !deinterlaceFailed
                && ((f.flags() & FRAME_FLAG_INTERLACED) != 0 || f.interlaced_frame() != 0)) {
            deinterlacer = FfmpegDeinterlacer.create(f, stream.time_base());
            deinterlaceFailed = deinterlacer == null;
        }
        return deinterlacer != null;
    }

    private Frame frame(AVFrame f) {
        long pts = f.best_effort_timestamp() != AV_NOPTS_VALUE ? f.best_effort_timestamp() : f.pts();
        String damage = damages.remove(pts);
        if (damages.size() > 512) {
            damages.clear();
        }
        Long read = arrivals.remove(pts);
        long arrival = read != null ? read : System.nanoTime();
        if (pts == AV_NOPTS_VALUE) {
            pts = lastPts == Long.MIN_VALUE ? 0 : lastPts + Math.max(1, Math.round(1 / (fps > 0 ? fps : 25)
                    / secondsPerTick));
        }
        if (origin == AV_NOPTS_VALUE) {
            origin = pts;
        }
        if (lastPts != Long.MIN_VALUE && pts <= lastPts && damage == null) {
            damage = "its time stamp goes back (the stream is damaged here)";
        }
        lastPts = Math.max(pts, lastPts);
        double seconds = Math.max(0, (pts - origin) * secondsPerTick);
        long index = Math.max(fps > 0 ? Math.round(seconds * fps) : lastIndex + 1, lastIndex + 1);
        lastIndex = index;
        if (f.sample_aspect_ratio().num() > 0 && f.sample_aspect_ratio().den() > 0) {
            sarNum = f.sample_aspect_ratio().num();
            sarDen = f.sample_aspect_ratio().den();
        }
        int frameTurn = FfmpegFrameStream.frameRotation(f);
        int turn = frameTurn >= 0 ? frameTurn : rotation;
        int w = f.width();
        if (sarNum > 0 && sarDen > 0 && sarNum != sarDen) {
            w = (int) Math.max(1, (long) w * sarNum / sarDen);
        }
        int h = f.height();
        boolean swap = turn == 90 || turn == 270;
        return new Picture(index + 1, seconds, arrival, damage, swap ? h : w, swap ? w : h, f, sarNum, sarDen, turn,
                pictures);
    }

    /** A decoded picture of this source (valid until the next {@link #next()}), drawn by {@code pictures}. */
    private record Picture(long number, double seconds, long arrivalNanos, String damage, int displayWidth,
            int displayHeight, AVFrame frame, int sarNum, int sarDen, int rotation, FfmpegPictures pictures)
            implements Frame {
        @Override
        public ImagePlus image(String title) {
            return pictures.toImage(frame, sarNum, sarDen, rotation, title);
        }
    }

    private double lastSeconds() {
        return lastPts == Long.MIN_VALUE || origin == AV_NOPTS_VALUE ? 0 : (lastPts - origin) * secondsPerTick;
    }

    private void finish(End why, String detail) {
        if (end == null) {
            end = why;
            endDetail = detail;
        }
    }

    private static String seconds(double s) {
        String text = String.format(Locale.ROOT, "%.2f", s);
        return text.contains(".") ? text.replaceAll("\\.?0+$", "") : text;
    }

    @Override
    public void close() {
        interrupt.stopped = true;
        if (deinterlacer != null) {
            deinterlacer.close();
            deinterlacer = null;
        }
        pictures.close();
        FfmpegReading.free(decoded, packet, decoder, format);
        decoder = null;
        format = null;
    }

    /**
     * FFmpeg's interrupt callback: non-zero ends the blocking call it polls from (about every 100 ms while a
     * protocol waits for data). Called on the reading thread.
     */
    private static final class Interrupt extends AVIOInterruptCB.Callback_Pointer {
        volatile boolean stopped;
        volatile long deadlineNanos;
        volatile End reason;

        void deadline(double seconds) {
            deadlineNanos = seconds > 0 ? System.nanoTime() + (long) (seconds * 1e9) : 0;
        }

        @Override
        public int call(Pointer opaque) {
            if (stopped) {
                reason = End.STOPPED;
                return 1;
            }
            long deadline = deadlineNanos;
            if (deadline != 0 && System.nanoTime() - deadline > 0) {
                reason = End.TIMED_OUT;
                return 1;
            }
            return 0;
        }
    }
}
