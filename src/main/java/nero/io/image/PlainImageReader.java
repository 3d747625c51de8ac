package nero.io.image;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.Opener;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import nero.core.InvalidInputException;
import nero.io.DecoderFailures;
import nero.io.FileKind;
import nero.io.PixelLimits;
import org.w3c.dom.Node;

/**
 * JPEG, PNG, TIFF, BMP and GIF files, decoded to the pixels Pillow gives torchvision for the same file
 * ({@code Image.open(f).convert("RGB")}). Every format is decoded by the JDK's ImageIO plugins, and the decoded samples
 * become the model's pixels by Pillow's rules in one place ({@link ImageIoDecoder}); CMYK and YCCK JPEGs go through
 * {@link CmykToRgb}, a GIF gives its first frame on its logical screen ({@link GifScreen}), a TIFF page is turned as
 * its Orientation tag says ({@link TiffOrientation}). Every file's size (each TIFF page, a GIF's logical screen) is
 * checked from its header before any pixel is decoded ({@link PixelLimits}); a TIFF cut short is refused from its
 * directory ({@link TiffStructure}). Held against Pillow file by file in PixelCorpusTest; docs/inputs.md has the table.
 */
public final class PlainImageReader {
    private static final int CLASSIC_TIFF = 42;
    private static final int BIG_TIFF = 43;

    private PlainImageReader() {
    }

    public static ImagePlus read(Path file) {
        FileKind kind = FileKind.of(file);
        if (kind != FileKind.IMAGE) {
            throw new InvalidInputException(file + ": not an image file this reader knows (JPEG, PNG, TIFF, BMP, GIF)");
        }
        ImagePlus imp;
        int tiffVersion = tiffVersion(file);
        if (tiffVersion == BIG_TIFF) {
            throw new InvalidInputException(file + ": BigTIFF (64-bit offsets) is not supported: neither Java's TIFF "
                    + "reader nor ImageJ's reads it; 'tiffcp " + file.getFileName() + " classic.tif' (libtiff-tools) "
                    + "rewrites a file under 4 GB as a classic TIFF");
        }
        if (tiffVersion == CLASSIC_TIFF) {
            TiffStructure tiff = TiffStructure.read(file);
            checkFirstPage(file, tiff);
            List<TiffStructure.Page> pages = pagesToRead(file, tiff);
            long pixels = pages.stream().mapToLong(TiffStructure.Page::pixels).sum();
            imp = PixelLimits.decode(pixels, () -> readTiff(file, tiff, pages));
        } else {
            imp = readOther(file);
        }
        imp.setTitle(file.getFileName().toString());
        return imp;
    }

    /**
     * JPEG, PNG, BMP or GIF: the size from the header first (refusing images too large to decode in memory), then the
     * pixels with the same ImageIO reader.
     */
    private static ImagePlus readOther(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new InvalidInputException(file + ": corrupt or unsupported image (no decoder recognises its "
                        + "content)");
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toLowerCase(Locale.ROOT);
            try {
                reader.setInput(in, true, false);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                PixelLimits.checkImage(file.toString(), "image", w, h);
                if (format.equals("gif")) {
                    GifScreen.check(file);
                }
                return PixelLimits.decode(w * h, () -> decode(file, reader, format));
            } catch (IOException | RuntimeException e) {
                if (e instanceof InvalidInputException iie) {
                    throw iie;
                }
                String coding = isJpeg(format) ? JpegHeader.unsupportedCoding(file) : null;
                if (coding != null) {
                    throw new InvalidInputException(file + ": " + coding, e);
                }
                boolean cut = endsEarly(e) || format.equals("png") && CutShort.png(file)
                        || format.equals("gif") && CutShort.gif(file);
                if (cut) {
                    throw new InvalidInputException(file + ": truncated " + format.toUpperCase(Locale.ROOT)
                            + " image: the file ends before its image data does; copy or download the file again", e);
                }
                throw new InvalidInputException(file + ": corrupt or unsupported " + format.toUpperCase(Locale.ROOT)
                        + " image: " + describe(e), e);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ImagePlus decode(Path file, ImageReader reader, String format) {
        try {
            if (isJpeg(format)) {
                JpegColours colours = JpegColours.of(reader);
                if (colours.components() == 4) {
                    int[] argb = CmykToRgb.fromJpeg(reader.readRaster(0, null), colours.ycck());
                    return rgbImage(file, reader.getWidth(0), reader.getHeight(0), argb);
                }
                if (JpegHeader.hasIccProfile(file)) {
                    return readJpegWithoutProfile(file);
                }
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0);
            refuseMissingImageData(file, warnings);
            if (format.equals("gif")) {
                GifScreen.Canvas canvas = GifScreen.firstFrame(file, reader, image);
                return rgbImage(file, canvas.width(), canvas.height(), canvas.argb());
            }
            ImageIoDecoder.Source source = format.equals("png") && pngAlphaIsColourKey(reader)
                    ? ImageIoDecoder.Source.ALPHA_IS_COLOUR_KEY : ImageIoDecoder.Source.PLAIN;
            return ImageIoDecoder.toImagePlus(image, file, source);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A JPEG with an ICC profile, decoded from a copy without the profile: Java's reader would convert the pixels from
     * the profile to sRGB (and the reduced-size decoder does not), Pillow's {@code convert("RGB")} leaves them as
     * libjpeg gives them. Only the profile segments are left out, so libjpeg decodes the same data the same way.
     */
    private static ImagePlus readJpegWithoutProfile(Path file) throws IOException {
        byte[] jpeg = JpegHeader.withoutIccProfile(Files.readAllBytes(file));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new java.io.ByteArrayInputStream(jpeg))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in, true, false);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                refuseMissingImageData(file, warnings);
                return ImageIoDecoder.toImagePlus(image, file);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * Whether a PNG's alpha, as ImageIO shows it, comes only from a tRNS colour key (grey or RGB colour type): Pillow
     * keeps such a file grey or RGB, and reads 16-bit grey as 16-bit values.
     */
    private static boolean pngAlphaIsColourKey(ImageReader reader) throws IOException {
        IIOMetadata metadata = reader.getImageMetadata(0);
        Node root = metadata == null ? null : metadata.getAsTree("javax_imageio_png_1.0");
        for (Node n = root == null ? null : root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals("IHDR")) {
                Node type = n.getAttributes().getNamedItem("colorType");
                return type != null && (type.getNodeValue().equals("Grayscale") || type.getNodeValue().equals("RGB"));
            }
        }
        return false;
    }

    /** The decoder's failure in words, with the innermost reason where ImageIO wraps it ("Error reading PNG …"). */
    private static String describe(Throwable e) {
        String top = DecoderFailures.describe(e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String inner = root == e ? null : DecoderFailures.describe(root);
        return inner == null || top.contains(inner) ? top : top + " (" + inner + ")";
    }

    /** Whether a decoder failed because the data stopped: an end of file, or a compressed stream cut short. */
    private static boolean endsEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof java.io.EOFException || m.contains("unexpected end of zlib input stream")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isJpeg(String format) {
        return format.equals("jpeg") || format.equals("jpg");
    }

    private static ImagePlus rgbImage(Path file, int w, int h, int[] argb) {
        return new ImagePlus(file.getFileName().toString(), new ColorProcessor(w, h, argb));
    }

    /** The first page's size, and its pixel data within the file. */
    private static void checkFirstPage(Path file, TiffStructure tiff) {
        TiffStructure.Page first = tiff.pages().get(0);
        PixelLimits.checkImage(file.toString(), tiff.pages().size() == 1 ? "image" : "page 1", first.width(),
                first.height());
        tiff.checkComplete(file, size(file));
    }

    /**
     * All pages when they fit the pixel limit together and are all complete (a stack, or the R, G, B of a 3-channel
     * ImageJ composite), else only the first, which is what Pillow reads.
     */
    private static List<TiffStructure.Page> pagesToRead(Path file, TiffStructure tiff) {
        List<TiffStructure.Page> pages = tiff.pages();
        if (pages.size() > 1 && tiff.totalPixels() <= PixelLimits.MAX_PIXELS && tiff.allPagesComplete(size(file))) {
            return pages;
        }
        return pages.subList(0, 1);
    }

    /**
     * The pages through ImageIO's TIFF reader, each by Pillow's rules and turned upright; the stack keeps the pages of
     * the first page's size and type, up to the first that differs (a thumbnail, a reduced-resolution page) or that
     * the reader cannot decode.
     */
    private static ImagePlus readTiff(Path file, TiffStructure tiff, List<TiffStructure.Page> pages) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = tiffReader(in);
            try {
                reader.setInput(in, false, true);
                ImageStack stack = null;
                for (int i = 0; i < pages.size(); i++) {
                    TiffStructure.Page page = pages.get(i);
                    ImageProcessor ip;
                    try {
                        BufferedImage image = withColourMap(reader.read(i), page.colourMap());
                        ip = TiffOrientation.apply(ImageIoDecoder.toImagePlus(image, file).getProcessor(),
                                page.orientation());
                    } catch (IOException | RuntimeException e) {
                        if (i == 0) {
                            throw e;
                        }
                        break; // a later page the reader cannot decode ends the stack, as a page of another size does
                    }
                    if (stack == null) {
                        stack = new ImageStack(ip.getWidth(), ip.getHeight());
                    } else if (ip.getWidth() != stack.getWidth() || ip.getHeight() != stack.getHeight()
                            || ip.getBitDepth() != stack.getProcessor(1).getBitDepth()) {
                        break;
                    }
                    stack.addSlice(ip);
                }
                ImagePlus imp = new ImagePlus(file.getFileName().toString(), stack);
                if (stack.getSize() == 3 && tiff.imageJThreeChannels()) {
                    imp.setDimensions(3, 1, 1);
                    imp = new CompositeImage(imp, IJ.COMPOSITE);
                }
                return imp;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            if (tiff.deepGreyWithPredictor()) {
                ImagePlus imp = readFirstPageWithImageJ(file, tiff.pages().get(0));
                if (imp != null) {
                    return imp;
                }
            }
            throw new InvalidInputException(file + ": unsupported TIFF layout (" + tiff.describe() + "): "
                    + DecoderFailures.describe(e), e);
        }
    }

    /**
     * The first page by ImageJ's TIFF decoder, for the one layout it decodes and the JDK's does not (16-bit or 32-bit
     * grey with the horizontal predictor; microscopes write it); turned upright as the other pages are. Null when
     * ImageJ cannot either.
     */
    private static ImagePlus readFirstPageWithImageJ(Path file, TiffStructure.Page page) {
        ImagePlus imp;
        try {
            imp = new Opener().openImage(file.toString(), 1);
        } catch (RuntimeException e) {
            return null;
        }
        if (imp == null || imp.getBitDepth() == 24 || imp.getBitDepth() == 8) {
            return null;
        }
        return new ImagePlus(file.getFileName().toString(), TiffOrientation.apply(imp.getProcessor(),
                page.orientation()));
    }

    /**
     * A palette page with the colours its ColorMap gives as Pillow reads them, the high byte of each 16-bit entry
     * (ImageIO scales them by 255/65535, one level darker for a map written as v·256, as Pillow writes it).
     */
    private static BufferedImage withColourMap(BufferedImage image, long[] map) {
        if (map == null || !(image.getColorModel() instanceof IndexColorModel icm) || map.length % 3 != 0) {
            return image;
        }
        int n = Math.min(map.length / 3, icm.getMapSize());
        byte[][] rgb = new byte[3][icm.getMapSize()];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                rgb[c][i] = (byte) (map[c * (map.length / 3) + i] >> 8);
            }
        }
        IndexColorModel pillow = new IndexColorModel(icm.getPixelSize(), icm.getMapSize(), rgb[0], rgb[1], rgb[2]);
        return new BufferedImage(pillow, image.getRaster(), false, null);
    }

    private static ImageReader tiffReader(ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            if (r.getFormatName().toLowerCase(Locale.ROOT).startsWith("tif")) {
                return r;
            }
        }
        throw new IOException("no TIFF reader in ImageIO");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * libjpeg fills the part of a cut-off JPEG it never received with grey and only warns; torchvision's loader (PIL)
     * refuses it. A score on half an image is misleading, so the file is refused. A file that only lacks its end marker
     * still has every pixel and is accepted.
     */
    private static void refuseMissingImageData(Path file, List<String> warnings) {
        for (String warning : warnings) {
            if (warning.toLowerCase(Locale.ROOT).contains("premature end of data")) {
                throw new InvalidInputException(file + ": truncated image: the JPEG data ends before the last pixel "
                        + "row (decoder: \"" + warning + "\"); copy or download the file again");
            }
        }
    }

    /** 42 for a classic TIFF, 43 for a BigTIFF, 0 for anything else. */
    private static int tiffVersion(Path file) {
        byte[] head = new byte[4];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return 0;
            }
        } catch (IOException e) {
            return 0;
        }
        if (head[0] == 'I' && head[1] == 'I' && head[3] == 0) {
            return head[2] == CLASSIC_TIFF || head[2] == BIG_TIFF ? head[2] : 0;
        }
        if (head[0] == 'M' && head[1] == 'M' && head[2] == 0) {
            return head[3] == CLASSIC_TIFF || head[3] == BIG_TIFF ? head[3] : 0;
        }
        return 0;
    }
}
