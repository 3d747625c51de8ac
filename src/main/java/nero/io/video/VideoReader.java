package nero.io.video;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import nero.core.InvalidInputException;
import nero.io.FileKind;
import nero.io.ImageSource;
import nero.io.LazyItem;
import nero.io.SourceItem;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.AWTUtil;

/**
 * Video stills. With FFmpeg's natives loaded ({@link nero.io.FfmpegLibrary}): every container and codec FFmpeg reads
 * ({@link FfmpegFrameStream}: deinterlacing, rotation, pixel aspect ratio, seeking to key frames for long steps).
 * Where they cannot load, JCodec 0.2.5 (pure Java) is the fallback: MP4/MOV through FrameGrab; MPEG-TS (H.264) and
 * MPEG-PS (MPEG-2) through the demuxers and decoders directly; anything JCodec cannot decode (interlaced/MBAFF, 4:2:2,
 * 10-bit H.264, HEVC, MPEG-4 Part 2, AVI, MKV…) is refused with an {@link UnsupportedVideoException} that names
 * container, codec and feature and gives an ffmpeg command. Which decoder runs is said once per JVM (Log window or
 * standard error). Only the sampled frames are converted to RGB, so memory stays at a few frames whatever the
 * length of the video.
 */
public final class VideoReader {
    private VideoReader() {
    }

    /** Stills of a video file, identified as {@code path#frame=N@t=1.234s} (N counts from 1). */
    public static ImageSource open(Path file, FrameSampling sampling) {
        FileKind.of(file); // refuses missing, empty and unreadable files now
        return new VideoSource(file, file.toString(), null, sampling, Map.of(), StreamFacts.NONE, null);
    }

    /** Stills of a stream extracted from elsewhere (DICOM video); ids use {@code idBase}; {@code cleanup} runs on close. */
    public static ImageSource open(Path stream, String idBase, String label, FrameSampling sampling, Map<String, String> extraMeta,
            Runnable cleanup) {
        return new VideoSource(stream, idBase, label, sampling, extraMeta, StreamFacts.NONE, cleanup);
    }

    /**
     * As above, with what the carrying object says about the stream: its frame count (to report a truncated stream
     * when the container itself declares none, MPEG-TS/PS), the frames' display times (they give the {@code @t=} of
     * each id, the metadata {@code time_s} and the seconds step) and the colour matrix of an untagged stream.
     */
    public static ImageSource open(Path stream, String idBase, String label, FrameSampling sampling, Map<String, String> extraMeta,
            StreamFacts facts, Runnable cleanup) {
        return new VideoSource(stream, idBase, label, sampling, extraMeta, facts, cleanup);
    }

    /** Opens the decoder for a file, sniffing the container from its first bytes. */
    static VideoFrameStream openStream(Path file, String name) {
        return openStream(file, name, false);
    }

    /** As above; {@code untaggedIsBt601}: see {@link StreamFacts#untaggedIsBt601()} (FFmpeg only). */
    static VideoFrameStream openStream(Path file, String name, boolean untaggedIsBt601) {
        byte[] head = new byte[1024];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read: " + e.getMessage(), e);
        }
        FileKind kind = FileKind.of(head, n, file.getFileName().toString());
        String container = FileKind.containerName(kind, head, n);
        if ((kind.isVideo() || kind == FileKind.UNKNOWN) && VideoDecoders.useFfmpeg()) {
            // an unknown container is left to FFmpeg's own probing (it reads far more than we sniff)
            return FfmpegFrameStream.open(file, name, kind.isVideo() ? container : null, untaggedIsBt601);
        }
        try {
            return switch (kind) {
                case MP4 -> new WatchedFrameStream(new Mp4FrameStream(file));
                case MPEG_TS -> new WatchedFrameStream(new MpegFrameStream(file, true));
                case MPEG_PS -> new WatchedFrameStream(new MpegFrameStream(file, false));
                case OTHER_VIDEO -> throw new UnsupportedVideoException(name, container, "unknown",
                        "container not supported by the pure-Java decoder", null);
                default -> throw new UnsupportedVideoException(name, "unknown", "unknown",
                        "not a recognised video container (MP4/MOV, MPEG-TS, MPEG-PS)", null);
            };
        } catch (InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            throw classify(name, container, kind == FileKind.MP4 ? Mp4FrameStream.videoCodecName(file) : "unknown", e);
        }
    }

    /** Maps JCodec's failures to a clear message: unsupported feature, or truncated/corrupt file. */
    static InvalidInputException classify(String name, String container, String codec, Throwable e) {
        String m = String.valueOf(e.getMessage());
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("unsupported h264 feature")) {
            String feature = m.substring(lower.indexOf("feature") + "feature".length()).replaceAll("^[:\\s]+", "")
                    .replaceAll("\\.$", "");
            String explained = switch (feature.toLowerCase(Locale.ROOT)) {
                case "mbaff" -> "interlaced H.264 (MBAFF)";
                case "high bit depth" -> "high bit depth (10-bit) H.264";
                default -> feature.toLowerCase(Locale.ROOT).contains("yuv422") ? "4:2:2 chroma H.264" : "H.264 feature " + feature;
            };
            return new UnsupportedVideoException(name, container, "H.264", explained, e);
        }
        if (lower.contains("not a video track")) {
            return new UnsupportedVideoException(name, container, codec.equals("unknown") ? "not H.264 (e.g. HEVC)" : codec,
                    "only H.264 video is decoded in MP4/MOV", e);
        }
        if (lower.contains("codec is not supported") || e instanceof UnsupportedOperationException
                || e.getClass().getSimpleName().equals("UnsupportedFormatException")) {
            return new UnsupportedVideoException(name, container, codec.equals("unknown") ? "not H.264/MPEG-2" : codec,
                    "codec not supported by the pure-Java decoder, which reads H.264" + ("MP4/MOV".equals(container)
                    ? "" : " and MPEG-2"), e);
        }
        if ("MPEG-PS".equals(container) && lower.contains("invalid data")) {
            return new UnsupportedVideoException(name, container, codec,
                    "DVD/VOB-style program stream (navigation or private packets) the demuxer cannot read", e);
        }
        if (m.contains(DisplayOrder.TOO_DEEP)) {
            return new UnsupportedVideoException(name, container, codec, m, e);
        }
        if (lower.startsWith(MpegFrameStream.DAMAGED_PICTURE) || lower.startsWith(WatchedFrameStream.STUCK)) {
            return new InvalidInputException(name + ": " + container + " video (" + codec + ") truncated or corrupt: "
                    + m, e);
        }
        if (lower.contains("movie meta information") || lower.contains("moov")) {
            return new InvalidInputException(name + ": truncated or corrupt " + container
                    + " file: no movie header ('moov' box) found", e);
        }
        // JCodec meets damaged data with runtime exceptions (a null, an index out of range, an illegal state)
        // whose texts, if any, name its internals
        String detail = e instanceof RuntimeException
                ? "the decoder failed on damaged data (" + e.getClass().getSimpleName() + " inside JCodec)"
                : e.getClass().getSimpleName() + ": " + m;
        return new InvalidInputException(name + ": cannot decode " + container + " video (codec " + codec
                + "): truncated or corrupt (" + detail + ")", e);
    }

    /** Converts a decoded picture to an RGB ImageJ image. */
    static ImagePlus toImagePlus(Picture picture, String title) {
        if (YuvToRgb.supports(picture)) {
            return new ImagePlus(title, new ColorProcessor(YuvToRgb.width(picture), YuvToRgb.height(picture),
                    YuvToRgb.convert(picture)));
        }
        return toImagePlusViaAwt(picture, title);
    }

    static ImagePlus toImagePlusViaAwt(Picture picture, String title) {
        Picture pic = picture.getCrop() == null ? picture : picture.cropped();
        BufferedImage bgr = AWTUtil.toBufferedImage(pic);
        int w = bgr.getWidth();
        int h = bgr.getHeight();
        int[] rgb = new int[w * h];
        if (bgr.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] b = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
            for (int i = 0, j = 0; i < rgb.length; i++, j += 3) {
                rgb[i] = (b[j + 2] & 0xff) << 16 | (b[j + 1] & 0xff) << 8 | (b[j] & 0xff);
            }
        } else {
            bgr.getRGB(0, 0, w, h, rgb, 0, w);
        }
        return new ImagePlus(title, new ColorProcessor(w, h, rgb));
    }

    private static final class VideoSource implements ImageSource {
        private final Path stream;
        private final String idBase;
        private final String label;
        private final FrameSampling sampling;
        private final Map<String, String> extraMeta;
        private final Runnable cleanup;
        private final StreamFacts facts;
        private final List<VideoFrameStream> open = new ArrayList<>();

        VideoSource(Path stream, String idBase, String label, FrameSampling sampling, Map<String, String> extraMeta,
                StreamFacts facts, Runnable cleanup) {
            this.facts = facts;
            this.stream = stream;
            this.idBase = idBase;
            this.label = label;
            this.sampling = sampling == null ? FrameSampling.defaults() : sampling;
            this.extraMeta = extraMeta;
            this.cleanup = cleanup;
        }

        @Override
        public Iterator<SourceItem> iterator() {
            return new StillIterator();
        }

        @Override
        public synchronized void close() {
            for (VideoFrameStream s : open) {
                closeQuietly(s);
            }
            open.clear();
            if (cleanup != null) {
                cleanup.run();
            }
        }

        private static void closeQuietly(VideoFrameStream s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing useful to do with a failed close of a read-only file
            }
        }

        private final class StillIterator implements Iterator<SourceItem> {
            private VideoFrameStream frames;
            private final FrameSampling.Selector selector = sampling.selector();
            private long decoded;
            private long decodedAtLastStill;
            private SourceItem pending;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (pending == null && !done) {
                    pending = advance();
                }
                return pending != null;
            }

            @Override
            public SourceItem next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SourceItem item = pending;
                pending = null;
                return item;
            }

            private SourceItem advance() {
                try {
                    if (frames == null) {
                        frames = openStream(stream, idBase, facts.untaggedIsBt601());
                        synchronized (VideoSource.this) {
                            open.add(frames);
                        }
                    }
                    while (true) {
                        VideoFrameStream.Frame f = frames.next();
                        if (f == null) {
                            return finish();
                        }
                        long counted = decoded++;
                        long index = f.index() >= 0 ? f.index() : counted;
                        double seconds = facts.times() != null ? facts.times().seconds(index) : f.seconds();
                        if (selector.take(index, seconds)) {
                            SourceItem item = f.damage() == null ? still(index + 1, f, seconds)
                                    : damaged(index + 1, seconds, f);
                            skipAhead();
                            return item;
                        }
                    }
                } catch (InvalidInputException e) {
                    return fail(e);
                } catch (Exception | OutOfMemoryError e) {
                    String container = frames == null ? "video" : frames.format().container();
                    String codec = frames == null ? "unknown" : frames.format().codec();
                    return fail(classify(idBase + " (after " + decoded + " decoded frames)", container, codec, e));
                }
            }

            /** Lets the stream jump towards the next still; with times from outside, by frame index. */
            private void skipAhead() {
                double next = selector.nextSeconds();
                if (facts.times() != null && !Double.isNaN(next)) {
                    frames.skipTo(Double.NaN, facts.times().firstIndexAtOrAfter(next));
                } else {
                    frames.skipTo(next, selector.nextIndex());
                }
            }

            private SourceItem still(long frameNumber, VideoFrameStream.Frame f, double seconds) {
                String id = stillId(frameNumber, seconds);
                ImagePlus imp = f.image(id.substring(id.lastIndexOf('/') + 1));
                Map<String, String> meta = new LinkedHashMap<>(extraMeta);
                meta.putIfAbsent("source", "video");
                meta.put("container", frames.format().container());
                meta.put("codec", frames.format().codec());
                meta.put("frame", Long.toString(frameNumber));
                meta.put("time_s", String.format(Locale.ROOT, "%.3f", seconds));
                meta.put("width", Integer.toString(imp.getWidth()));
                meta.put("height", Integer.toString(imp.getHeight()));
                meta.putAll(frames.metadata());
                long decodedNow = frames.decodedFrames() >= 0 ? frames.decodedFrames() : decoded;
                meta.put("frames_decoded", Long.toString(decodedNow - decodedAtLastStill));
                decodedAtLastStill = decodedNow;
                return LazyItem.decoded(id, label, meta, imp);
            }

            private String stillId(long frameNumber, double seconds) {
                return String.format(Locale.ROOT, "%s#frame=%d@t=%.3fs", idBase, frameNumber, seconds);
            }

            /** A still whose picture the decoder reported damaged: reported, never scored half-decoded. */
            private SourceItem damaged(long frameNumber, double seconds, VideoFrameStream.Frame f) {
                String id = stillId(frameNumber, seconds);
                StreamFormat format = frames.format();
                return LazyItem.failed(id, label, new InvalidInputException(id + ": damaged picture in the "
                        + format.container() + " video (" + format.codec() + "), not scored: " + f.damage()));
            }

            private SourceItem finish() {
                done = true;
                int streamDeclared = frames.format().declaredFrames();
                int declared = streamDeclared > 0 ? streamDeclared : facts.declaredFrames();
                long reached = decoded;
                String readProblem = null;
                if (frames instanceof FfmpegFrameStream ff) {
                    reached = Math.max(decoded, ff.lastIndex() + 1); // frames skipped over by seeking count too
                    readProblem = ff.readProblem();
                }
                release();
                if (readProblem != null && decoded > 0) {
                    return LazyItem.failed(idBase + "#truncated", label, new InvalidInputException(idBase
                            + ": video truncated or corrupt: " + readProblem));
                }
                if (declared > 0 && reached < declared) {
                    return LazyItem.failed(idBase + "#truncated", label, new InvalidInputException(idBase
                            + ": video truncated or corrupt: decoded " + reached + " of " + declared + " declared frames"));
                }
                if (decoded == 0) {
                    return LazyItem.failed(idBase, label, new InvalidInputException(idBase
                            + ": no video frame could be decoded (empty or corrupt " + frames.format().container() + ")"));
                }
                return null;
            }

            private SourceItem fail(InvalidInputException e) {
                done = true;
                release();
                return LazyItem.failed(decoded == 0 ? idBase : idBase + "#frame=" + (decoded + 1), label, e);
            }

            private void release() {
                if (frames != null) {
                    closeQuietly(frames);
                    synchronized (VideoSource.this) {
                        open.remove(frames);
                    }
                }
            }
        }
    }
}
