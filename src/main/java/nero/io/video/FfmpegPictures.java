package nero.io.video;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_CL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT470BG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_FCC;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE240M;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_BT2020;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_FCC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_SMPTE240M;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import nero.core.InvalidInputException;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decoded FFmpeg frames (any pixel format: 4:2:0/4:2:2/4:4:4, 8–12 bit, grey, RGB) as ImageJ RGB images the way a
 * player shows them: YUV→RGB with the stream's matrix and range (BT.709 for untagged HD, BT.601 for untagged SD),
 * non-square pixels stretched to square ones (the width changes, as with ffmpeg's {@code scale=iw*sar:ih}), and turned
 * upright by the stream's rotation (multiples of 90°; a display matrix that also mirrors is shown unmirrored).
 */
final class FfmpegPictures implements AutoCloseable {
    /** ffmpeg's own default (its command line gives the same RGB pixels, tested), bicubic where SAR rescales. */
    private static final int FLAGS = SWS_BICUBIC;
    private SwsContext sws;
    private BytePointer buffer;
    private long bufferBytes;
    private final PointerPointer<BytePointer> dstData = new PointerPointer<>(4);
    private final IntPointer dstStride = new IntPointer(4);
    private final boolean untaggedIsBt601;

    /** {@code untaggedIsBt601}: an untagged stream is BT.601 at any height (DICOM's YBR_PARTIAL_420). */
    FfmpegPictures(boolean untaggedIsBt601) {
        this.untaggedIsBt601 = untaggedIsBt601;
    }

    /**
     * The frame as an upright RGB image with square pixels. {@code sarNum/sarDen}: the sample aspect ratio (0/1 or
     * 1/1 for square pixels); {@code rotation}: clockwise degrees (0, 90, 180, 270) to turn the picture upright.
     */
    ImagePlus toImage(AVFrame frame, int sarNum, int sarDen, int rotation, String title) {
        int w = frame.width();
        int h = frame.height();
        int outW = w;
        if (sarNum > 0 && sarDen > 0 && sarNum != sarDen) {
            outW = (int) Math.max(1, (long) w * sarNum / sarDen); // as ffmpeg's scale=iw*sar:ih (rounded down)
        }
        int[] argb = convert(frame, outW, h);
        int[] upright = Rotation.turn(argb, outW, h, rotation);
        boolean swap = rotation == 90 || rotation == 270;
        return new ImagePlus(title, new ColorProcessor(swap ? h : outW, swap ? outW : h, upright));
    }

    private int[] convert(AVFrame frame, int outW, int outH) {
        int w = frame.width();
        int h = frame.height();
        sws = sws_getCachedContext(sws, w, h, frame.format(), outW, outH, AV_PIX_FMT_BGRA, FLAGS, null, null,
                (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            throw new InvalidInputException("cannot convert pixel format " + frame.format() + " to RGB");
        }
        int matrix = matrix(frame.colorspace(), untaggedIsBt601 ? 0 : h);
        sws_setColorspaceDetails(sws, sws_getCoefficients(matrix), fullRange(frame) ? 1 : 0,
                sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
        int stride = (outW * 4 + 63) & ~63;
        long bytes = (long) stride * outH;
        if (buffer == null || bufferBytes < bytes) {
            if (buffer != null) {
                buffer.close();
            }
            buffer = new BytePointer(bytes);
            bufferBytes = bytes;
        }
        dstData.put(0, buffer);
        dstStride.put(0, stride);
        sws_scale(sws, frame.data(), frame.linesize(), 0, h, dstData, dstStride);
        IntBuffer pixels = buffer.position(0).capacity(bytes).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        int[] argb = new int[outW * outH];
        for (int y = 0; y < outH; y++) {
            pixels.position(y * stride / 4);
            pixels.get(argb, y * outW, outW);
        }
        for (int i = 0; i < argb.length; i++) {
            argb[i] |= 0xff000000;
        }
        return argb;
    }

    private static boolean fullRange(AVFrame frame) {
        int f = frame.format();
        return frame.color_range() == AVCOL_RANGE_JPEG || f == AV_PIX_FMT_YUVJ420P || f == AV_PIX_FMT_YUVJ422P
                || f == AV_PIX_FMT_YUVJ444P || f == AV_PIX_FMT_YUVJ440P || f == AV_PIX_FMT_YUVJ411P;
    }

    /**
     * swscale's matrix for the frame's colour space; untagged: BT.709 from 720 lines up, else BT.601 (a height of 0
     * asks for BT.601 whatever the height).
     */
    static int matrix(int colorspace, int height) {
        if (colorspace == AVCOL_SPC_BT709) {
            return SWS_CS_ITU709;
        }
        if (colorspace == AVCOL_SPC_BT470BG || colorspace == AVCOL_SPC_SMPTE170M) {
            return SWS_CS_ITU601;
        }
        if (colorspace == AVCOL_SPC_BT2020_NCL || colorspace == AVCOL_SPC_BT2020_CL) {
            return SWS_CS_BT2020;
        }
        if (colorspace == AVCOL_SPC_SMPTE240M) {
            return SWS_CS_SMPTE240M;
        }
        if (colorspace == AVCOL_SPC_FCC) {
            return SWS_CS_FCC;
        }
        return height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601;
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (buffer != null) {
            buffer.close();
            buffer = null;
        }
        dstData.close();
        dstStride.close();
    }

    /** Clockwise quarter turns of packed pixels. */
    static final class Rotation {
        private Rotation() {
        }

        static int[] turn(int[] p, int w, int h, int degrees) {
            if (degrees == 0) {
                return p;
            }
            int[] out = new int[p.length];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = p[y * w + x];
                    switch (degrees) {
                        case 90 -> out[x * h + (h - 1 - y)] = v; // new size h×w: (x, y) → (h−1−y, x)
                        case 180 -> out[(h - 1 - y) * w + (w - 1 - x)] = v;
                        case 270 -> out[(w - 1 - x) * h + y] = v; // (x, y) → (y, w−1−x)
                        default -> throw new IllegalArgumentException("rotation " + degrees);
                    }
                }
            }
            return out;
        }
    }
}
