package nero.io.video;

import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rect;

/**
 * Converts JCodec's 4:2:0 pictures straight into ImageJ's packed RGB ints, with the same fixed-point formulas as
 * JCodec's own converters (JFIF full range for YUV420J, BT.601 studio range for YUV420), skipping the two
 * intermediate copies of {@code AWTUtil.toBufferedImage}. JCodec stores samples as signed bytes (value − 128).
 */
final class YuvToRgb {
    private static final int FIX_1_402 = fix(1.402);
    private static final int FIX_0_34414 = fix(0.34414);
    private static final int FIX_0_71414 = fix(0.71414);
    private static final int FIX_1_772 = fix(1.772);

    private YuvToRgb() {
    }

    private static int fix(double x) {
        return (int) (x * 1024 + 0.5);
    }

    static boolean supports(Picture pic) {
        ColorSpace c = pic.getColor();
        return (c == ColorSpace.YUV420J || c == ColorSpace.YUV420) && pic.getLowBits() == null;
    }

    /** Packed 0xRRGGBB pixels of the cropped picture; width and height via {@link #width}/{@link #height}. */
    static int[] convert(Picture pic) {
        Rect crop = pic.getCrop();
        int x0 = crop == null ? 0 : crop.getX();
        int y0 = crop == null ? 0 : crop.getY();
        int w = width(pic);
        int h = height(pic);
        byte[] yp = pic.getPlaneData(0);
        byte[] up = pic.getPlaneData(1);
        byte[] vp = pic.getPlaneData(2);
        int ys = pic.getPlaneWidth(0);
        int cs = pic.getPlaneWidth(1);
        boolean full = pic.getColor() == ColorSpace.YUV420J;
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            int yRow = (y + y0) * ys + x0;
            int cRow = ((y + y0) >> 1) * cs;
            int o = y * w;
            for (int x = 0; x < w; x++) {
                int luma = yp[yRow + x] + 128;
                int ci = cRow + ((x + x0) >> 1);
                int cb = up[ci];
                int cr = vp[ci];
                out[o + x] = full ? jfif(luma, cb, cr) : studio(luma, cb, cr);
            }
        }
        return out;
    }

    static int width(Picture pic) {
        return pic.getCrop() == null ? pic.getWidth() : pic.getCrop().getWidth();
    }

    static int height(Picture pic) {
        return pic.getCrop() == null ? pic.getHeight() : pic.getCrop().getHeight();
    }

    private static int jfif(int luma, int cb, int cr) {
        int y = luma << 10;
        int r = (y + FIX_1_402 * cr + 512) >> 10;
        int g = (y - FIX_0_34414 * cb - FIX_0_71414 * cr + 512) >> 10;
        int b = (y + FIX_1_772 * cb + 512) >> 10;
        return clip(r) << 16 | clip(g) << 8 | clip(b);
    }

    private static int studio(int luma, int cb, int cr) {
        int c = 298 * (luma - 16);
        int r = (c + 409 * cr + 128) >> 8;
        int g = (c - 100 * cb - 208 * cr + 128) >> 8;
        int b = (c + 516 * cb + 128) >> 8;
        return clip(r) << 16 | clip(g) << 8 | clip(b);
    }

    private static int clip(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }
}
