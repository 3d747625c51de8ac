package nero.io.image;

import java.awt.image.Raster;

/**
 * CMYK and YCCK pixels as RGB, exactly as Pillow gives them to torchvision ({@code Image.open(f).convert("RGB")}),
 * which is also ImageMagick's conversion without a colour profile: R = (255 − C)(255 − K)/255, and so on.
 * Adobe JPEGs store CMYK inverted (Pillow reads them as "CMYK;I"), and YCCK JPEGs store Y, Cb, Cr and inverted K,
 * which libjpeg turns into inverted CMY with its fixed-point YCbCr tables ({@link JpegColour}). TIFF CMYK is stored
 * as is. No ICC profile is applied, by Pillow or here.
 */
final class CmykToRgb {
    private CmykToRgb() {
    }

    /** A 4-band JPEG raster as read without colour conversion: Adobe-inverted CMYK, or YCCK when {@code ycck}. */
    static int[] fromJpeg(Raster raster, boolean ycck) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] argb = new int[w * h];
        int[] row = new int[4 * w];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0, j = 0; x < w; x++, j += 4) {
                int c;
                int m;
                int ye;
                if (ycck) {
                    int luma = row[j];
                    int cb = row[j + 1];
                    int cr = row[j + 2];
                    // libjpeg: C = 255 − R(YCbCr), …; Pillow's inversion gives back R, G, B as C, M, Y
                    c = JpegColour.red(luma, cr);
                    m = JpegColour.green(luma, cb, cr);
                    ye = JpegColour.blue(luma, cb);
                } else {
                    c = 255 - row[j];
                    m = 255 - row[j + 1];
                    ye = 255 - row[j + 2];
                }
                argb[y * w + x] = rgb(c, m, ye, 255 - row[j + 3]);
            }
        }
        return argb;
    }

    /** A 4-band TIFF raster (PhotometricInterpretation 5, ink amounts stored as they are). */
    static int[] fromTiff(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] argb = new int[w * h];
        int[] row = new int[raster.getNumBands() * w];
        int bands = raster.getNumBands();
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0, j = 0; x < w; x++, j += bands) {
                argb[y * w + x] = rgb(row[j], row[j + 1], row[j + 2], row[j + 3]);
            }
        }
        return argb;
    }

    /** Pillow's cmyk2rgb (Convert.c), with its rounding: nk − c·nk/255 per channel, nk = 255 − k. */
    static int rgb(int c, int m, int y, int k) {
        int nk = 255 - k;
        return 0xff000000 | (nk - mulDiv255(c, nk)) << 16 | (nk - mulDiv255(m, nk)) << 8 | (nk - mulDiv255(y, nk));
    }

    /** Pillow's MULDIV255: a·b/255 rounded, in integers. */
    private static int mulDiv255(int a, int b) {
        int t = a * b + 128;
        return ((t >> 8) + t) >> 8;
    }
}
