package nero.io.image;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import nero.io.FfmpegLibrary;
import nero.io.PixelLimits;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * Decodes a JPEG at a half, a quarter or an eighth of its size straight from the DCT coefficients (FFmpeg's JPEG
 * decoder with {@code lowres}, what Pillow's {@code draft} and libjpeg's {@code scale_denom} also do), for a model
 * that shrinks the image to a much smaller input anyway: the inverse DCT and colour conversion then cost a 4th to a
 * 64th, and the resize after it reads that many fewer pixels (the entropy decoding stays whole). The scale is the
 * smallest that keeps the image {@link #MARGIN} times as large as the model input in both directions.
 *
 * <p>Only plain JPEGs are taken: baseline, extended or progressive Huffman coding, 8 bits, grey or YCbCr with 4:4:4,
 * 4:2:2 or 4:2:0 chroma, a complete file (ending in EOI), a size the exact reader would accept. Anything else (CMYK,
 * Adobe RGB, arithmetic coding, 12 bits, a file cut short, a decoder complaint) returns null, and the caller reads
 * the file exactly as before.
 */
final class ReducedJpeg {
    private static final int MAX_LOWRES = 3;
    /**
     * The decoded image keeps at least twice the model input per side, so the antialiased resize still does most of
     * the shrinking. Reducing further (to just above the input, as Pillow's {@code draft} would) changed the real
     * MobileNetV2's features by 3–6.5 % (relative L1) on the Kvasir frames, beyond the model layer's tolerance; Pillow's
     * own draft changes them as much. With this margin: 1.1 % on average, 2.7 % at most.
     */
    static final int MARGIN = 2;

    private ReducedJpeg() {
    }

    /**
     * The image decoded at reduced size for a model input of {@code minW × minH} (at least {@link #MARGIN} times that
     * per side), or null when the file cannot be reduced that way or is too small to gain from it.
     */
    static ImagePlus decode(byte[] jpeg, int minW, int minH, String title) {
        Header h = Header.parse(jpeg);
        if (h == null || (long) h.width * h.height > PixelLimits.MAX_PIXELS) {
            return null;
        }
        int lowres = lowres(h.width, h.height, MARGIN * minW, MARGIN * minH);
        if (lowres == 0 || !FfmpegLibrary.available()) {
            return null;
        }
        return decodeAt(jpeg, lowres, title);
    }

    /** The largest power-of-two reduction (up to 1/8) that keeps both sides at least the model's. */
    static int lowres(int width, int height, int minW, int minH) {
        int l = 0;
        while (l < MAX_LOWRES && shrink(width, l + 1) >= minW && shrink(height, l + 1) >= minH) {
            l++;
        }
        return l;
    }

    private static int shrink(int size, int lowres) {
        return -((-size) >> lowres); // rounded up, as the decoder does
    }

    static ImagePlus decodeAt(byte[] jpeg, int lowres, String title) {
        AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_MJPEG);
        if (codec == null || codec.isNull() || codec.max_lowres() < lowres) {
            return null;
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try (BytePointer data = new BytePointer((long) jpeg.length + AV_INPUT_BUFFER_PADDING_SIZE)) {
            ctx.lowres(lowres);
            ctx.thread_count(1);
            if (avcodec_open2(ctx, codec, (AVDictionary) null) < 0) {
                return null;
            }
            data.put(jpeg, 0, jpeg.length);
            data.position(jpeg.length).fill(0).position(0);
            packet.data(data).size(jpeg.length);
            if (avcodec_send_packet(ctx, packet) < 0 || avcodec_receive_frame(ctx, frame) < 0
                    || frame.decode_error_flags() != 0 || (frame.flags() & 1) != 0) {
                return null;
            }
            return toImage(frame, title);
        } finally {
            packet.data(null).size(0);
            av_frame_free(frame);
            av_packet_free(packet);
            avcodec_free_context(ctx);
        }
    }

    private static ImagePlus toImage(AVFrame f, String title) {
        int w = f.width();
        int h = f.height();
        int format = f.format();
        int hFactor;
        int vFactor;
        if (format == AV_PIX_FMT_GRAY8) {
            byte[] y = plane(f, 0, w, h);
            int[] rgb = new int[w * h];
            for (int i = 0; i < rgb.length; i++) {
                int v = y[i] & 0xff;
                rgb[i] = 0xff000000 | v << 16 | v << 8 | v;
            }
            return new ImagePlus(title, new ColorProcessor(w, h, rgb));
        } else if (format == AV_PIX_FMT_YUVJ444P) {
            hFactor = 1;
            vFactor = 1;
        } else if (format == AV_PIX_FMT_YUVJ422P) {
            hFactor = 2;
            vFactor = 1;
        } else if (format == AV_PIX_FMT_YUVJ420P) {
            hFactor = 2;
            vFactor = 2;
        } else {
            return null; // 4:4:0, 4:1:1, … : the exact reader
        }
        int cw = (w + hFactor - 1) / hFactor;
        int ch = (h + vFactor - 1) / vFactor;
        int[] rgb = JpegColour.toRgb(plane(f, 0, w, h), plane(f, 1, cw, ch), plane(f, 2, cw, ch), w, h, cw, ch,
                hFactor, vFactor);
        return new ImagePlus(title, new ColorProcessor(w, h, rgb));
    }

    private static byte[] plane(AVFrame f, int index, int w, int h) {
        byte[] out = new byte[w * h];
        BytePointer p = f.data(index);
        int stride = f.linesize(index);
        for (int row = 0; row < h; row++) {
            p.position((long) row * stride).get(out, row * w, w);
        }
        p.position(0);
        return out;
    }

    /** What the frame header says, for the plain JPEGs this decoder takes. */
    record Header(int width, int height, int components) {
        /** Null unless the file is a complete plain JPEG (see the class comment). */
        static Header parse(byte[] b) {
            if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8 || !endsWithEoi(b)) {
                return null;
            }
            int i = 2;
            Header found = null;
            int adobeTransform = -1;
            while (i + 4 <= b.length) {
                if ((b[i] & 0xff) != 0xFF) {
                    return null;
                }
                int marker = b[i + 1] & 0xff;
                if (marker == 0xFF) {
                    i++; // fill byte
                    continue;
                }
                int length = (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
                if (length < 2 || i + 2 + length > b.length) {
                    return null;
                }
                if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
                    found = frame(b, i + 4, length - 2);
                    if (found == null) {
                        return null;
                    }
                } else if (marker >= 0xC3 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                    return null; // lossless, hierarchical or arithmetic-coded
                } else if (marker == 0xEE && isAdobe(b, i + 4, length - 2)) {
                    adobeTransform = b[i + 4 + 11] & 0xff;
                } else if (marker == 0xDA) {
                    // start of scan: the header is complete; Adobe's transform 0 on three components means RGB
                    return found != null && found.components == 3 && adobeTransform == 0 ? null : found;
                }
                i += 2 + length;
            }
            return null;
        }

        private static Header frame(byte[] b, int at, int length) {
            if (length < 6) {
                return null;
            }
            int precision = b[at] & 0xff;
            int height = (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff);
            int width = (b[at + 3] & 0xff) << 8 | (b[at + 4] & 0xff);
            int components = b[at + 5] & 0xff;
            if (precision != 8 || width == 0 || height == 0 || (components != 1 && components != 3)
                    || length < 6 + 3 * components) {
                return null;
            }
            if (components == 3) {
                int luma = b[at + 7] & 0xff;
                int chroma = b[at + 10] & 0xff;
                if (chroma != (b[at + 13] & 0xff) || (chroma >> 4) == 0 || (chroma & 0x0f) == 0
                        || (luma >> 4) % (chroma >> 4) != 0 || (luma & 0x0f) % (chroma & 0x0f) != 0) {
                    return null; // chroma planes must share one sampling that divides the luma's
                }
                int across = (luma >> 4) / (chroma >> 4);
                int down = (luma & 0x0f) / (chroma & 0x0f);
                if (!(across == 1 && down == 1 || across == 2 && down == 1 || across == 2 && down == 2)) {
                    return null; // 4:4:0, 4:1:1 … go to the exact reader
                }
            }
            return new Header(width, height, components);
        }

        private static boolean isAdobe(byte[] b, int at, int length) {
            return length >= 12 && b[at] == 'A' && b[at + 1] == 'd' && b[at + 2] == 'o' && b[at + 3] == 'b'
                    && b[at + 4] == 'e';
        }

        /** The end-of-image marker within the last few bytes (some writers pad after it); else cut short. */
        private static boolean endsWithEoi(byte[] b) {
            for (int i = b.length - 2; i >= Math.max(2, b.length - 1024); i--) {
                if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xD9) {
                    return true;
                }
            }
            return false;
        }
    }
}
