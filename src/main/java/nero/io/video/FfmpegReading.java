package nero.io.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** The native state of an FFmpeg demux-and-decode loop (a video file's or a live source's), freed in one place. */
final class FfmpegReading {
    private FfmpegReading() {
    }

    /**
     * Frees the loop's frame and packet, its decoder and its opened input; {@code decoder} and {@code format} are
     * null when opening stopped before them. The caller forgets the two afterwards.
     */
    static void free(AVFrame decoded, AVPacket packet, AVCodecContext decoder, AVFormatContext format) {
        av_frame_free(decoded);
        av_packet_free(packet);
        if (decoder != null) {
            avcodec_free_context(decoder);
        }
        if (format != null) {
            avformat_close_input(format);
        }
    }
}
