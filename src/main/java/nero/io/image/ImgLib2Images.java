package nero.io.image;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.util.Arrays;
import nero.core.InvalidInputException;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.view.Views;

/**
 * An ImgLib2 image (what an ImageJ2 script holds: a {@code Dataset}, an {@code ImgPlus}, any
 * {@code RandomAccessibleInterval}) as the ImageJ 1 image with the same values, so that it is scored by exactly the
 * rules of an image open in ImageJ ({@link GreyLevels} for grey, RGB as it is): XY is grey (8-bit, 16-bit or 32-bit
 * by its type), XYC with C = 3 is RGB for unsigned bytes (as Fiji's Dataset of an RGB image) and three grey channels
 * otherwise, ARGB pixels are RGB. Channels come last, as in a Dataset; other layouts are refused with their sizes.
 */
public final class ImgLib2Images {
    private ImgLib2Images() {
    }

    public static ImagePlus toImagePlus(RandomAccessibleInterval<?> img, String title) {
        int dims = img.numDimensions();
        long channels = dims == 3 ? img.dimension(2) : 1;
        if (dims < 2 || dims > 3 || (channels != 1 && channels != 3)) {
            throw new InvalidInputException("image " + title + ": expected an XY or XYC image with 1 or 3 channels"
                    + " (channels last), got dimensions " + Arrays.toString(img.dimensionsAsLongArray()));
        }
        long w = img.dimension(0);
        long h = img.dimension(1);
        if (w * h > Integer.MAX_VALUE || w < 1 || h < 1) {
            throw new InvalidInputException("image " + title + ": " + w + "×" + h + " pixels is not an image ImageJ"
                    + " can hold");
        }
        Object type = Views.flatIterable(img).firstElement();
        if (type instanceof ARGBType) {
            if (channels != 1) {
                throw new InvalidInputException("image " + title + ": ARGB pixels with a channel axis");
            }
            @SuppressWarnings("unchecked")
            RandomAccessibleInterval<ARGBType> argb = (RandomAccessibleInterval<ARGBType>) img;
            ColorProcessor rgb = new ColorProcessor((int) w, (int) h);
            Cursor<ARGBType> c = Views.flatIterable(argb).cursor();
            for (int i = 0; c.hasNext(); i++) {
                rgb.set(i, c.next().get() & 0xffffff);
            }
            return new ImagePlus(title, rgb);
        }
        if (!(type instanceof RealType)) {
            throw new InvalidInputException("image " + title + ": pixels of type " + type.getClass().getSimpleName()
                    + " are neither numbers nor ARGB");
        }
        @SuppressWarnings("unchecked")
        RandomAccessibleInterval<? extends RealType<?>> real = (RandomAccessibleInterval<? extends RealType<?>>) img;
        ImageProcessor[] planes = new ImageProcessor[(int) channels];
        for (int ch = 0; ch < channels; ch++) {
            RandomAccessibleInterval<? extends RealType<?>> plane = dims == 3
                    ? Views.hyperSlice(real, 2, real.min(2) + ch) : real;
            planes[ch] = plane(plane, (int) w, (int) h, type);
        }
        if (channels == 1) {
            return new ImagePlus(title, planes[0]);
        }
        if (type instanceof UnsignedByteType) {
            ColorProcessor rgb = new ColorProcessor((int) w, (int) h);
            rgb.setRGB((byte[]) planes[0].getPixels(), (byte[]) planes[1].getPixels(), (byte[]) planes[2].getPixels());
            return new ImagePlus(title, rgb);
        }
        ImageStack stack = new ImageStack((int) w, (int) h);
        for (ImageProcessor p : planes) {
            stack.addSlice(p);
        }
        ImagePlus three = new ImagePlus(title, stack);
        three.setDimensions(3, 1, 1);
        return new CompositeImage(three, CompositeImage.COMPOSITE);
    }

    /** One XY plane: bytes, shorts or floats by its type, values as they are. */
    private static ImageProcessor plane(RandomAccessibleInterval<? extends RealType<?>> plane, int w, int h,
            Object type) {
        Cursor<? extends RealType<?>> c = Views.flatIterable(plane).cursor();
        if (type instanceof UnsignedByteType) {
            ByteProcessor p = new ByteProcessor(w, h);
            for (int i = 0; c.hasNext(); i++) {
                p.set(i, (int) c.next().getRealDouble());
            }
            return p;
        }
        if (type instanceof UnsignedShortType) {
            ShortProcessor p = new ShortProcessor(w, h);
            for (int i = 0; c.hasNext(); i++) {
                p.set(i, (int) c.next().getRealDouble());
            }
            return p;
        }
        FloatProcessor p = new FloatProcessor(w, h);
        for (int i = 0; c.hasNext(); i++) {
            p.setf(i, c.next().getRealFloat());
        }
        return p;
    }
}
