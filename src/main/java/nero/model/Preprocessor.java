package nero.model;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import nero.core.InvalidInputException;
import nero.core.Preprocessing;
import nero.io.image.GreyLevels;
import nero.io.image.ImgLib2Images;
import net.imglib2.RandomAccessibleInterval;

/**
 * Turns an image into the model's input tensor (3×H×W floats, channel-planar) exactly as torchvision's
 * {@code Resize((H, W))} + {@code ToTensor()} + {@code Normalize(mean, std)} do on a PIL RGB image:
 * squash resize (aspect ratio not kept) with Pillow's antialiased bilinear filter on 8-bit values, then /255,
 * then (x − mean)/std per channel.
 *
 * <p>Inputs: 8-bit grey (raw values, the LUT is ignored), 16-bit and 32-bit grey ({@link GreyLevels}: 8-bit values
 * as they are, deeper ones stretched from the slice's min..max to 0..255), RGB, and stacks (the current slice; a
 * 3-channel composite image becomes R, G, B), and ImgLib2 images as the same ImageJ image. Grey is copied into all
 * three channels.
 * Stateless after construction, so one instance can be shared by decode threads.
 */
public final class Preprocessor {
    private final Preprocessing p;

    public Preprocessor(Preprocessing p) {
        this.p = p;
    }

    public Preprocessing preprocessing() {
        return p;
    }

    /** The image as it is: a file's model input is the reader's ({@code SourceItem.readForModel}). */
    public float[] toTensor(ImagePlus imp) {
        int w = imp.getWidth();
        int h = imp.getHeight();
        if (imp.isComposite() && imp.getNChannels() == 3) {
            int[][] rgb = new int[3][];
            for (int c = 0; c < 3; c++) {
                int index = imp.getStackIndex(c + 1, imp.getZ(), imp.getFrame());
                rgb[c] = greyTo8Bit(imp.getStack().getProcessor(index));
            }
            return normalise(resizePlanes(rgb, w, h));
        }
        ImageProcessor ip = imp.getProcessor();
        if (ip == null) {
            throw new InvalidInputException("image " + imp.getTitle() + " has no pixels");
        }
        if (ip instanceof ColorProcessor color) {
            return toTensor((int[]) color.getPixels(), w, h);
        }
        int[] grey = greyTo8Bit(ip);
        return normalise(resizePlanes(new int[][] {grey, grey, grey}, w, h));
    }

    /**
     * An ImgLib2 image (XY, or XYC with C = 1 or 3, channels last; a script's Dataset): the ImageJ image with the same
     * values ({@link ImgLib2Images}), so exactly the rules above.
     */
    public float[] toTensor(RandomAccessibleInterval<?> img) {
        return toTensor(ImgLib2Images.toImagePlus(img, "image"));
    }

    /** A packed-ARGB image as the model's normalised 3×H×W tensor. */
    public float[] toTensor(int[] argb, int width, int height) {
        return normalise(PilResize.resizeRgb(argb, width, height, p.width(), p.height()));
    }

    /**
     * Resizes a packed-ARGB image with the same filter as the model input and returns it channel-planar
     * (R plane, G plane, B plane; each outH×outW row-major) as 0..255 values, not normalised.
     */
    public static float[] resizeRgb(int[] argb, int w, int h, int outW, int outH) {
        int[][] resized = PilResize.resizeRgb(argb, w, h, outW, outH);
        int area = outW * outH;
        float[] out = new float[3 * area];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < area; i++) {
                out[c * area + i] = resized[c][i];
            }
        }
        return out;
    }

    /** Same resize, returned as packed ARGB (opaque), e.g. to draw an overlay at the model's input size. */
    public static int[] resizeArgb(int[] argb, int w, int h, int outW, int outH) {
        int[][] resized = PilResize.resizeRgb(argb, w, h, outW, outH);
        int[] out = new int[outW * outH];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0xff000000 | resized[0][i] << 16 | resized[1][i] << 8 | resized[2][i];
        }
        return out;
    }

    private int[][] resizePlanes(int[][] planes, int w, int h) {
        int[][] out = new int[3][];
        for (int c = 0; c < 3; c++) {
            out[c] = c > 0 && planes[c] == planes[c - 1] ? out[c - 1]
                    : PilResize.resize(planes[c], w, h, p.width(), p.height());
        }
        return out;
    }

    private float[] normalise(int[][] planes) {
        int area = p.width() * p.height();
        float[] tensor = new float[3 * area];
        for (int c = 0; c < 3; c++) {
            float mean = p.mean()[c];
            float std = p.std()[c];
            int[] plane = planes[c];
            for (int i = 0; i < area; i++) {
                tensor[c * area + i] = (plane[i] / 255f - mean) / std;
            }
        }
        return tensor;
    }

    /** 8-bit values as they are; 16/32-bit stretched from the slice's min..max ({@link GreyLevels}, the one rule). */
    static int[] greyTo8Bit(ImageProcessor ip) {
        return GreyLevels.to8Bit(ip);
    }

}
