package nero.io.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.ByteFrameSource;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttributeCompressedSeparateFramesOnDisk;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.display.SourceImage;
import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import nero.core.InvalidInputException;

/**
 * Decodes frames of one validated DICOM image object with PixelMed, one frame per call. The object is opened on the
 * first call and kept for the next frames. Compressed frames stay compressed until asked for; PixelMed keeps native
 * pixel data of large files on disk and reads one frame at a time, so memory use is about one frame plus the header
 * (measured: a 131 MB, 2000-frame object iterates in a 48 MB heap).
 * Grey output: 8-bit unsigned → ByteProcessor; otherwise ShortProcessor with signed values offset by 32768 and the
 * Rescale Slope/Intercept as calibration (as ImageJ does). MONOCHROME1 is inverted so bright means bright. Colour
 * output (RGB): YBR samples converted by {@link YbrToRgb}, PALETTE COLOR through its {@link PaletteTable}, see
 * {@link DicomColour}.
 */
final class DicomFrameDecoder implements AutoCloseable {
    static {
        // Read each native frame from the file when asked for it, instead of memory-mapping: unmapping needs
        // reflection into java.nio that Java 17 refuses (PixelMed then logs errors), and reads keep memory at one frame.
        SourceImage.setAllowMemoryMapping(false);
        SourceImage.setAllowDeferredReadFromFileIfNotMemoryMapped(true);
    }

    private final Path file;
    private final DicomImageInfo info;
    private final DicomColour colour;
    private final OddWordFrames oddWordFrames;
    private SourceImage image;
    private PaletteTable palette;

    /** {@code oddWordFrames}: where PixelMed would misread the frames, the reader that reads them instead, or null. */
    DicomFrameDecoder(Path file, DicomImageInfo info, OddWordFrames oddWordFrames) {
        this.file = file;
        this.info = info;
        this.oddWordFrames = oddWordFrames;
        this.colour = DicomColour.decide(info.photometric(), info.samplesPerPixel(), info.planarConfiguration(),
                info.columns(), info.transferSyntax());
    }

    /** Frame by 1-based index. */
    synchronized ImagePlus frame(int frameNumber) {
        if (frameNumber < 1 || frameNumber > info.frames()) {
            throw new IllegalArgumentException(file + ": frame " + frameNumber + " out of range 1.." + info.frames());
        }
        Raster raster;
        try {
            SourceImage source = open(); // validates the Pixel Data in every case
            raster = oddWordFrames != null ? oddWordFrames.raster(frameNumber) : rasterOf(source, frameNumber);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidInputException(where(frameNumber) + ": cannot decode the pixels (" + describe(e) + ")", e);
        }
        if (raster.getWidth() != info.columns() || raster.getHeight() != info.rows()) {
            throw new InvalidInputException(where(frameNumber) + ": decoded frame is " + raster.getWidth() + "x"
                    + raster.getHeight() + " but Columns×Rows say " + info.columns() + "x" + info.rows());
        }
        ImagePlus imp = new ImagePlus(title(frameNumber), toProcessor(raster));
        if (info.samplesPerPixel() == 1 && (info.signed() || info.rescaleSlope() != 1 || info.rescaleIntercept() != 0)
                && imp.getProcessor() instanceof ShortProcessor) {
            Calibration cal = imp.getCalibration();
            double offset = info.signed() ? -32768 * info.rescaleSlope() : 0;
            cal.setFunction(Calibration.STRAIGHT_LINE,
                    new double[] {info.rescaleIntercept() + offset, info.rescaleSlope()}, "Gray Value");
        }
        return imp;
    }

    private Raster rasterOf(SourceImage source, int frameNumber) {
        BufferedImage bi = source.getBufferedImage(frameNumber - 1);
        if (bi == null) {
            throw new InvalidInputException(where(frameNumber) + ": cannot decode the pixels (transfer syntax "
                    + TransferSyntaxes.describe(info.transferSyntax()) + ")");
        }
        return bi.getRaster();
    }

    private String where(int frameNumber) {
        return info.multiFrame() ? file + " frame " + frameNumber : file.toString();
    }

    private String title(int frameNumber) {
        return info.multiFrame() ? file.getFileName() + "#frame=" + frameNumber : file.getFileName().toString();
    }

    private SourceImage open() {
        if (image != null) {
            return image;
        }
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        try {
            list.read(file.toFile());
        } catch (IOException | DicomException e) {
            throw new InvalidInputException(file + ": cannot read the DICOM object: " + e.getMessage(), e);
        }
        Attribute pixels = list.get(TagFromName.PixelData);
        if (pixels == null) {
            throw new InvalidInputException(file + ": Pixel Data truncated or corrupt, or fewer compressed frames than"
                    + " NumberOfFrames=" + info.frames() + " (PixelMed could not read it; transfer syntax "
                    + TransferSyntaxes.describe(info.transferSyntax()) + ")");
        }
        if (TransferSyntaxes.isNative(info.transferSyntax())) {
            long need = expectedNativeBytes();
            long have = pixels.getVL();
            if (have != need && have != need + 1) {
                throw new InvalidInputException(file + ": Pixel Data length " + have + " bytes ≠ expected " + need
                        + " (Rows=" + info.rows() + ", Columns=" + info.columns() + ", NumberOfFrames=" + info.frames()
                        + ", SamplesPerPixel=" + info.samplesPerPixel() + ", BitsAllocated=" + info.bitsAllocated() + ")");
            }
        }
        if (colour == DicomColour.PALETTE) {
            palette = PaletteTable.of(list, info.signed());
        }
        if (colour == DicomColour.YBR_PARTIAL) {
            relabelAsFull422(list);
        }
        if (pixels instanceof ByteFrameSource) {
            int fragments = framesIn(pixels);
            if (fragments >= 0 && fragments < info.frames()) {
                throw new InvalidInputException(file + ": NumberOfFrames=" + info.frames() + " but the encapsulated Pixel"
                        + " Data holds only " + fragments + " compressed frame(s) (truncated?)");
            }
        }
        try {
            image = new SourceImage(list);
        } catch (DicomException | RuntimeException e) {
            throw new InvalidInputException(file + ": cannot decode the pixels (" + describe(e) + ")", e);
        }
        if (image.getNumberOfBufferedImages() < info.frames()) {
            throw new InvalidInputException(file + ": NumberOfFrames=" + info.frames() + " but only "
                    + image.getNumberOfBufferedImages() + " frame(s) could be read");
        }
        return image;
    }

    /**
     * PixelMed unpacks the native Y Y Cb Cr layout only for YBR_FULL_422 (and, like for every native YBR, leaves the
     * samples unconverted); YBR_PARTIAL_422 has the same layout, so it is named YBR_FULL_422 for PixelMed and the
     * studio-range equations are applied here.
     */
    private void relabelAsFull422(AttributeList list) {
        try {
            Attribute pi = new CodeStringAttribute(TagFromName.PhotometricInterpretation);
            pi.addValue("YBR_FULL_422");
            list.put(pi);
        } catch (DicomException e) {
            throw new InvalidInputException(file + ": cannot prepare YBR_PARTIAL_422 pixels: " + e.getMessage(), e);
        }
    }

    private long expectedNativeBytes() {
        long perFrame = DicomColour.isNativeSubsampled(info.photometric())
                ? (long) info.rows() * info.columns() * 2 * (info.bitsAllocated() / 8) : info.frameBytes();
        return perFrame * info.frames();
    }

    private static int framesIn(Attribute pixels) {
        if (pixels instanceof OtherByteAttributeMultipleCompressedFrames m) {
            return m.getNumberOfFrames();
        }
        if (pixels instanceof OtherByteAttributeCompressedSeparateFramesOnDisk d) {
            return d.getNumberOfFrames();
        }
        return -1;
    }

    private ImageProcessor toProcessor(Raster r) {
        int w = r.getWidth();
        int h = r.getHeight();
        if (info.samplesPerPixel() == 3) {
            return colourProcessor(r, w, h);
        }
        int[] raw = r.getSamples(0, 0, w, h, 0, (int[]) null);
        int bits = info.bitsStored();
        int mask = bits >= 32 ? -1 : (1 << bits) - 1;
        if (colour == DicomColour.PALETTE) {
            return paletteProcessor(raw, w, h, bits, mask);
        }
        boolean mono1 = "MONOCHROME1".equals(info.photometric());
        if (info.bitsAllocated() == 8 && !info.signed()) {
            byte[] px = new byte[w * h];
            for (int i = 0; i < px.length; i++) {
                int v = raw[i] & mask;
                px[i] = (byte) (mono1 ? mask - v : v);
            }
            return new ByteProcessor(w, h, px);
        }
        short[] px = new short[w * h];
        int signBit = 1 << (bits - 1);
        for (int i = 0; i < px.length; i++) {
            int v = raw[i] & mask;
            if (info.signed()) {
                if ((v & signBit) != 0) {
                    v -= 1 << bits;
                }
                if (mono1) {
                    v = -1 - v;
                }
                v += 32768;
            } else if (mono1) {
                v = mask - v;
            }
            px[i] = (short) v;
        }
        return new ShortProcessor(w, h, px, null);
    }

    /**
     * RGB from the raster's samples, never through the image's colour model (which may carry an ICC profile the
     * model's training pipeline never applied): as decoded, or converted from YBR by the standard's equations.
     */
    private ImageProcessor colourProcessor(Raster r, int w, int h) {
        if (r.getNumBands() != 3) {
            throw new InvalidInputException(file + ": the decoder gave " + r.getNumBands() + " samples per pixel, not 3");
        }
        int[] rgb = new int[w * h];
        int[] s = new int[3 * w]; // a row at a time: a whole frame of int samples would triple the memory
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, s);
            for (int x = 0, j = 0; x < w; x++, j += 3) {
                int a = s[j] & 0xff;
                int b = s[j + 1] & 0xff;
                int c = s[j + 2] & 0xff;
                rgb[y * w + x] = switch (colour) {
                    case YBR_FULL -> YbrToRgb.full(a, b, c);
                    case YBR_PARTIAL -> YbrToRgb.partial(a, b, c);
                    default -> a << 16 | b << 8 | c;
                };
            }
        }
        return new ColorProcessor(w, h, rgb);
    }

    private ImageProcessor paletteProcessor(int[] raw, int w, int h, int bits, int mask) {
        int signBit = 1 << (bits - 1);
        int[] rgb = new int[w * h];
        for (int i = 0; i < rgb.length; i++) {
            int v = raw[i] & mask;
            if (info.signed() && (v & signBit) != 0) {
                v -= 1 << bits;
            }
            rgb[i] = palette.rgb(v);
        }
        return new ColorProcessor(w, h, rgb);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    @Override
    public synchronized void close() {
        if (image != null) {
            try {
                image.close();
            } catch (Throwable ignored) {
                // releasing PixelMed's memory map is best effort
            }
            image = null;
        }
    }
}
