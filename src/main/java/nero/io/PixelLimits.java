package nero.io;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import nero.core.InvalidInputException;

/**
 * How large an input may be, checked from its header before any pixel is decoded, so that no single file can
 * exhaust the heap: the decoded copy plus ImageJ's copy of the largest accepted image stay under 1.2 GB (peak heap
 * per input at -Xmx2g, measured by {@code nero.io.bench.DecodePeakMemory}; 16-bit RGBA is the largest). Decoders
 * of other formats (a faster JPEG decoder, an FFmpeg video decoder) call the same checks.
 */
public final class PixelLimits {
    private PixelLimits() {
    }

    /** Largest still image, in pixels (100 megapixels, e.g. 10000×10000; Pillow warns from 89 megapixels). */
    public static final long MAX_PIXELS = 100_000_000L;

    /**
     * Largest video frame: 36864 macroblocks of 16×16 pixels, H.264 level 5.2's limit (4096×2304; 4K UHD fits).
     * A decoder holds up to 16 reference frames and the display-order window as many again.
     */
    public static final long MAX_VIDEO_FRAME_PIXELS = 36_864L * 256;

    /** Images above this size are decoded one at a time (the decode threads take turns), so peaks do not add up. */
    static final long LARGE_PIXELS = 16_000_000L;

    private static final Semaphore LARGE_DECODES = new Semaphore(1, true);

    /** Refuses an empty image or one above {@link #MAX_PIXELS}; {@code what} names it ("image", "page 3", …). */
    public static void checkImage(String source, String what, long width, long height) {
        check(source, what, width, height, MAX_PIXELS);
    }

    public static void checkVideoFrame(String source, long width, long height) {
        check(source, "video frame", width, height, MAX_VIDEO_FRAME_PIXELS);
    }

    /** Refuses a multi-page file whose pages together exceed {@link #MAX_PIXELS}. */
    public static void checkTotal(String source, String what, long pixels) {
        if (pixels > MAX_PIXELS) {
            throw new InvalidInputException(source + ": " + what + " hold " + pixels + " pixels together, too many to"
                    + " decode in memory (at most " + MAX_PIXELS + ")");
        }
    }

    private static void check(String source, String what, long width, long height, long max) {
        if (width <= 0 || height <= 0) {
            throw new InvalidInputException(source + ": " + what + " size " + width + "x" + height + " is empty");
        }
        if (width > max || height > max || width * height > max) {
            throw new InvalidInputException(source + ": " + what + " size " + width + "x" + height + " is too large"
                    + " (at most " + max + " pixels)");
        }
    }

    /** Runs a decode of {@code pixels} pixels, one large decode at a time across threads. */
    public static <T> T decode(long pixels, Supplier<T> decoder) {
        if (pixels <= LARGE_PIXELS) {
            return decoder.get();
        }
        LARGE_DECODES.acquireUninterruptibly();
        try {
            return decoder.get();
        } finally {
            LARGE_DECODES.release();
        }
    }
}
