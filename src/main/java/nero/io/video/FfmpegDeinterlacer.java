package nero.io.video;

import static org.bytedeco.ffmpeg.global.avfilter.AV_BUFFERSRC_FLAG_KEEP_REF;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_link;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.Locale;
import org.bytedeco.ffmpeg.avfilter.AVFilter;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.Pointer;

/**
 * FFmpeg's bwdif deinterlacer (yadif where bwdif is missing), one output frame per input frame, applied only to the
 * frames the decoder marks interlaced ({@code deint=interlaced}), so progressive parts of a stream pass unchanged.
 * It looks one frame ahead, so each picture comes out after the next one went in, and {@link #flush()} releases the
 * last. Both filters are LGPL in FFmpeg (the native build here is the LGPL one).
 */
final class FfmpegDeinterlacer implements AutoCloseable {
    private final AVFilterGraph graph;
    private final AVFilterContext source;
    private final AVFilterContext sink;
    private final AVFrame out = av_frame_alloc();
    private final String filterName;
    private final int width;
    private final int height;
    private final int pixelFormat;
    private boolean finished;

    private FfmpegDeinterlacer(AVFilterGraph graph, AVFilterContext source, AVFilterContext sink, String filterName,
            AVFrame first) {
        this.graph = graph;
        this.source = source;
        this.sink = sink;
        this.filterName = filterName;
        this.width = first.width();
        this.height = first.height();
        this.pixelFormat = first.format();
    }

    /** A deinterlacer for frames like {@code first}, or null when the filters cannot take them. */
    static FfmpegDeinterlacer create(AVFrame first, AVRational timeBase) {
        for (String name : new String[] {"bwdif", "yadif"}) {
            AVFilter filter = avfilter_get_by_name(name);
            if (filter == null || filter.isNull()) {
                continue;
            }
            AVFilterGraph graph = avfilter_graph_alloc();
            AVFilterContext source = new AVFilterContext();
            AVFilterContext deinterlace = new AVFilterContext();
            AVFilterContext sink = new AVFilterContext();
            int sarNum = first.sample_aspect_ratio().num();
            int sarDen = first.sample_aspect_ratio().den();
            String args = String.format(Locale.ROOT, "video_size=%dx%d:pix_fmt=%d:time_base=%d/%d:pixel_aspect=%d/%d",
                    first.width(), first.height(), first.format(), timeBase.num(), Math.max(1, timeBase.den()),
                    sarNum > 0 && sarDen > 0 ? sarNum : 1, sarNum > 0 && sarDen > 0 ? sarDen : 1);
            boolean ok = avfilter_graph_create_filter(source, avfilter_get_by_name("buffer"), "in", args, null, graph) >= 0
                    && avfilter_graph_create_filter(deinterlace, filter, "deinterlace",
                            "mode=send_frame:parity=auto:deint=interlaced", null, graph) >= 0
                    && avfilter_graph_create_filter(sink, avfilter_get_by_name("buffersink"), "out", null, null, graph) >= 0
                    && avfilter_link(source, 0, deinterlace, 0) >= 0
                    && avfilter_link(deinterlace, 0, sink, 0) >= 0
                    && avfilter_graph_config(graph, (Pointer) null) >= 0;
            if (ok) {
                return new FfmpegDeinterlacer(graph, source, sink, name, first);
            }
            avfilter_graph_free(graph);
        }
        return null;
    }

    /** The filter in use ("bwdif" or "yadif"). */
    String filterName() {
        return filterName;
    }

    /** Whether frames like this one can go through the graph as it was set up (same size and pixel format). */
    boolean accepts(AVFrame frame) {
        return frame.width() == width && frame.height() == height && frame.format() == pixelFormat;
    }

    /** Feeds a decoded frame (the graph keeps its own reference). */
    boolean push(AVFrame frame) {
        return av_buffersrc_add_frame_flags(source, frame, AV_BUFFERSRC_FLAG_KEEP_REF) >= 0;
    }

    /** Signals the end of the input, so that the frame held back comes out. */
    void flush() {
        av_buffersrc_add_frame(source, null);
    }

    /** The next deinterlaced frame (valid until the next call), or null when the graph needs more input or ended. */
    AVFrame pull() {
        av_frame_unref(out);
        int r = av_buffersink_get_frame(sink, out);
        if (r == AVERROR_EOF) {
            finished = true;
        }
        return r >= 0 ? out : null;
    }

    /** Whether the graph has given its last frame after {@link #flush()}. */
    boolean finished() {
        return finished;
    }

    @Override
    public void close() {
        av_frame_free(out);
        avfilter_graph_free(graph);
    }
}
