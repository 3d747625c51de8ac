package nero.io.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import nero.core.InvalidInputException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;

/**
 * Where each picture of a video file is, without decoding one: the container is read packet by packet (FFmpeg's
 * demuxer only, a few milliseconds per minute of video) and the video packets' presentation time stamps, sorted, are
 * the pictures in display order. Times and frame numbers follow {@link FfmpegFrameStream}'s rule (seconds from the
 * stream's start time; frame number from the time at the stream's frame rate, never going back), so a picture found
 * here is the one the decoder hands out with the same time.
 */
final class FfmpegFrameIndex {
    /** The pictures in display order: their times in seconds and 0-based frame indices; the stream's frame rate. */
    record Index(double[] seconds, long[] frames, double fps, String container, String codec) {
        int size() {
            return seconds.length;
        }
    }

    private FfmpegFrameIndex() {
    }

    static Index of(Path file, String name) {
        AVFormatContext format = avformat_alloc_context();
        try (BytePointer path = new BytePointer(file.toAbsolutePath().toString(), StandardCharsets.UTF_8)) {
            int r = avformat_open_input(format, path, null, (AVDictionary) null);
            if (r < 0) {
                throw new InvalidInputException(name + ": FFmpeg cannot open it (" + FfmpegFrameStream.errorText(r)
                        + ")");
            }
        }
        AVPacket packet = av_packet_alloc();
        try {
            int r = avformat_find_stream_info(format, (AVDictionary) null);
            String container = FfmpegFrameStream.containerName(format);
            if (r < 0) {
                throw new InvalidInputException(name + ": truncated or corrupt " + container + " file: FFmpeg cannot"
                        + " read its stream information (" + FfmpegFrameStream.errorText(r) + ")");
            }
            int streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (streamIndex < 0) {
                throw new UnsupportedVideoException(name, container, "none", "the file has no video stream", null);
            }
            AVStream stream = format.streams(streamIndex);
            String codec = FfmpegFrameStream.codecName(stream.codecpar().codec_id());
            double tick = av_q2d(stream.time_base());
            double fps = FfmpegFrameStream.frameRate(stream);
            long[] stamps = new long[1024];
            int n = 0;
            long last = Long.MIN_VALUE;
            while ((r = av_read_frame(format, packet)) >= 0) {
                try {
                    if (packet.stream_index() != streamIndex) {
                        continue;
                    }
                    long stamp = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                    if (stamp == AV_NOPTS_VALUE) { // no time at all: the next frame period
                        stamp = last == Long.MIN_VALUE ? 0 : last + Math.max(1, Math.round(1 / (fps > 0 ? fps : 25)
                                / tick));
                    }
                    last = stamp;
                    if (n == stamps.length) {
                        stamps = Arrays.copyOf(stamps, n * 2);
                    }
                    stamps[n++] = stamp;
                } finally {
                    av_packet_unref(packet);
                }
            }
            if (r != AVERROR_EOF && n == 0) {
                throw new InvalidInputException(name + ": truncated or corrupt " + container + " file: "
                        + FfmpegFrameStream.errorText(r));
            }
            long[] sorted = Arrays.copyOf(stamps, n);
            Arrays.sort(sorted);
            long origin = stream.start_time() != AV_NOPTS_VALUE ? stream.start_time() : n > 0 ? sorted[0] : 0;
            double[] seconds = new double[n];
            long[] frames = new long[n];
            long lastIndex = -1;
            for (int i = 0; i < n; i++) {
                seconds[i] = Math.max(0, (sorted[i] - origin) * tick);
                long index = fps > 0 ? Math.max(Math.round(seconds[i] * fps), lastIndex + 1) : i;
                frames[i] = index;
                lastIndex = index;
            }
            return new Index(seconds, frames, fps, container, codec);
        } finally {
            av_packet_free(packet);
            avformat_close_input(format);
        }
    }
}
