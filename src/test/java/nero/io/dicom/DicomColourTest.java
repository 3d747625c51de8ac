package nero.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UnsignedShortAttribute;
import ij.ImagePlus;
import java.nio.file.Path;
import java.util.function.Consumer;
import nero.core.InvalidInputException;
import nero.io.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Colour DICOM objects written by PixelMed at test time, decoded to the RGB that PS3.3 C.7.6.3.1.2 defines. The
 * expected values of YBR_FULL are pydicom 2.3's {@code convert_color_space(…, 'YBR_FULL', 'RGB')} of the same triples;
 * those of YBR_PARTIAL the inverse of the standard's studio-range equations (numpy). Before, YBR samples were handed
 * to the model as if they were R, G, B, and YBR_PARTIAL_422 and PALETTE COLOR were refused.
 * {@link PydicomParityTest} compares whole generated corpora with pydicom.
 */
class DicomColourTest {
    /** Y, Cb, Cr triples: white, grey, red, green, blue, black, an out-of-gamut one, a skin tone-ish one. */
    private static final int[][] YBR = {{255, 128, 128}, {128, 128, 128}, {76, 85, 255}, {150, 44, 21}, {29, 255, 107},
        {0, 0, 0}, {255, 255, 255}, {200, 30, 220}};
    private static final int[][] YBR_FULL_AS_RGB = {{255, 255, 255}, {128, 128, 128}, {254, 0, 0}, {0, 255, 1},
        {0, 0, 254}, {0, 135, 0}, {255, 121, 255}, {255, 168, 26}};

    @TempDir
    Path dir;

    private Path write(String name, Consumer<Fixtures.Spec> edit) throws Exception {
        Fixtures.Spec s = new Fixtures.Spec();
        edit.accept(s);
        Path p = dir.resolve(name);
        Fixtures.writeDicom(p, s);
        return p;
    }

    /** Two rows of the YBR triples, colour-by-pixel or as three planes. */
    private static byte[] ybrSamples(boolean planes) {
        int n = 2 * YBR.length;
        byte[] b = new byte[3 * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                b[planes ? c * n + i : 3 * i + c] = (byte) YBR[i % YBR.length][c];
            }
        }
        return b;
    }

    private static int[] rgbAt(ImagePlus imp, int x, int y) {
        int v = imp.getProcessor().getPixel(x, y);
        return new int[] {v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff};
    }

    @ParameterizedTest(name = "{0}, planar {1}")
    @CsvSource({"1.2.840.10008.1.2.1,0", "1.2.840.10008.1.2.1,1", "1.2.840.10008.1.2,0", "1.2.840.10008.1.2,1",
        "1.2.840.10008.1.2.2,0", "1.2.840.10008.1.2.2,1", "1.2.840.10008.1.2.1.99,1", "1.2.840.10008.1.2.5,0",
        "1.2.840.10008.1.2.5,1"})
    void ybrFullIsConvertedToRgbAsTheStandardDefines(String ts, int planar) throws Exception {
        boolean rle = TransferSyntax.RLE.equals(ts);
        Path p = write("ybr.dcm", s -> {
            s.size(2, YBR.length);
            s.spp = 3;
            s.photometric = "YBR_FULL";
            s.planar = planar;
            s.transferSyntax = ts;
            s.bytes = ybrSamples(planar == 1 && !rle);
        });
        ImagePlus imp = DicomReader.readFrame(p, 1);
        assertEquals(ImagePlus.COLOR_RGB, imp.getType());
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < YBR.length; x++) {
                assertArrayEquals(YBR_FULL_AS_RGB[x], rgbAt(imp, x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void nativeYbrFull422IsUnpackedFromYYCbCrAndConverted() throws Exception {
        // pixel pairs (x, x+1) share Cb, Cr: pair 0 = red's chroma, pair 1 = blue's
        byte[] packed = {76, 100, 85, (byte) 255, 29, 60, (byte) 255, 107};
        Path p = write("422.dcm", s -> {
            s.size(1, 4);
            s.spp = 3;
            s.photometric = "YBR_FULL_422";
            s.bytes = packed;
        });
        ImagePlus imp = DicomReader.readFrame(p, 1);
        assertArrayEquals(new int[] {254, 0, 0}, rgbAt(imp, 0, 0));
        assertArrayEquals(new int[] {255, 24, 24}, rgbAt(imp, 1, 0)); // Y 100 with red's chroma
        assertArrayEquals(new int[] {0, 0, 254}, rgbAt(imp, 2, 0));
        assertArrayEquals(new int[] {31, 31, 255}, rgbAt(imp, 3, 0)); // Y 60 with blue's chroma
    }

    @Test
    void ybrFull422InRleHoldsWholePlanes() throws Exception {
        Path p = write("422rle.dcm", s -> {
            s.size(2, YBR.length);
            s.spp = 3;
            s.photometric = "YBR_FULL_422";
            s.transferSyntax = TransferSyntax.RLE;
            s.bytes = ybrSamples(false);
        });
        ImagePlus imp = DicomReader.readFrame(p, 1);
        for (int x = 0; x < YBR.length; x++) {
            assertArrayEquals(YBR_FULL_AS_RGB[x], rgbAt(imp, x, 1), "pixel " + x);
        }
    }

    @Test
    void ybrPartial422UsesTheStudioRangeEquations() throws Exception {
        // Y Y Cb Cr: black/white pair without chroma; BT.601 red (81, 90, 240) and green (145, 54, 34) as Y with
        // their own chroma repeated
        byte[] packed = {16, (byte) 235, (byte) 128, (byte) 128, 81, 81, 90, (byte) 240, (byte) 145, (byte) 145, 54, 34};
        Path p = write("partial.dcm", s -> {
            s.size(1, 6);
            s.spp = 3;
            s.photometric = "YBR_PARTIAL_422";
            s.bytes = packed;
        });
        ImagePlus imp = DicomReader.readFrame(p, 1);
        assertArrayEquals(new int[] {0, 0, 0}, rgbAt(imp, 0, 0));
        assertArrayEquals(new int[] {255, 255, 255}, rgbAt(imp, 1, 0));
        assertArrayEquals(new int[] {254, 0, 0}, rgbAt(imp, 2, 0));
        assertArrayEquals(new int[] {0, 255, 1}, rgbAt(imp, 4, 0));
    }

    @Test
    void jpegBaselineYbrIsConvertedOnceByTheJpegDecoder() throws Exception {
        // the fixture's frames are grey gradients: converted once they stay grey; a second YBR → RGB would tint them
        Path p = write("jpeg.dcm", s -> {
            s.size(16, 64);
            s.spp = 3;
            s.photometric = "YBR_FULL_422";
            s.transferSyntax = TransferSyntax.JPEGBaseline;
        });
        ImagePlus imp = DicomReader.readFrame(p, 1);
        for (int x = 0; x < 64; x++) {
            int[] rgb = rgbAt(imp, x, 8);
            assertTrue(Math.abs(rgb[0] - rgb[1]) <= 2 && Math.abs(rgb[1] - rgb[2]) <= 2, "grey stays grey at " + x + ": "
                    + rgb[0] + "," + rgb[1] + "," + rgb[2]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "YBR_PARTIAL_420|1.2.840.10008.1.2.1|0|8|defined only for the MPEG-2, H.264 and HEVC video transfer syntaxes",
        "YBR_FULL_422|1.2.840.10008.1.2.1|1|8|with PlanarConfiguration=1 is not allowed",
        "YBR_FULL_422|1.2.840.10008.1.2.1|0|7|odd number of Columns (7)",
        "YBR_PARTIAL_422|1.2.840.10008.1.2.5|0|8|read only uncompressed",
        "YBR_ICT|1.2.840.10008.1.2.1|0|8|defined only for JPEG 2000",
        "HSV|1.2.840.10008.1.2.1|0|8|PhotometricInterpretation=HSV with SamplesPerPixel=3 is not supported"})
    void colourModelsOutsideTheirTransferSyntaxAreRefusedByName(String pi, String ts, int planar, int cols, String why)
            throws Exception {
        Path p = write("bad.dcm", s -> {
            s.size(2, cols);
            s.spp = 3;
            s.photometric = pi;
            s.planar = planar;
            s.transferSyntax = ts;
            s.bytes = new byte[2 * cols * (pi.endsWith("_422") && !ts.endsWith(".5") ? 2 : 3)];
        });
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DicomReader.readFrame(p, 1));
        assertTrue(e.getMessage().startsWith(p + ": ") && e.getMessage().contains(why), e.getMessage());
    }

    // ---- PALETTE COLOR ----

    private static void putUs(AttributeList l, AttributeTag tag, int... values) throws Exception {
        UnsignedShortAttribute a = new UnsignedShortAttribute(tag);
        for (int v : values) {
            a.addValue(v);
        }
        l.put(a);
    }

    private static void putOw(AttributeList l, AttributeTag tag, short[] words) throws Exception {
        OtherWordAttribute a = new OtherWordAttribute(tag);
        a.setValues(words);
        l.put(a);
    }

    /** Two 8-bit entries per 16-bit word, the first in the low byte. */
    private static short[] packed(int... bytes) {
        short[] w = new short[(bytes.length + 1) / 2];
        for (int i = 0; i < bytes.length; i++) {
            w[i / 2] |= (short) ((bytes[i] & 0xff) << (i % 2 == 0 ? 0 : 8));
        }
        return w;
    }

    /** A table of {@code n} entries from {@code first}, entry i = (i·k mod 2^bits) per channel. */
    private static Consumer<AttributeList> palette(int n, int first, int bits) {
        return l -> {
            try {
                AttributeTag[] desc = {TagFromName.RedPaletteColorLookupTableDescriptor,
                    TagFromName.GreenPaletteColorLookupTableDescriptor, TagFromName.BluePaletteColorLookupTableDescriptor};
                AttributeTag[] data = {TagFromName.RedPaletteColorLookupTableData,
                    TagFromName.GreenPaletteColorLookupTableData, TagFromName.BluePaletteColorLookupTableData};
                int[] k = {1, 3, 7};
                for (int c = 0; c < 3; c++) {
                    putUs(l, desc[c], n, first, bits);
                    int[] entries = new int[n];
                    for (int i = 0; i < n; i++) {
                        entries[i] = (i * k[c]) % (1 << bits);
                    }
                    if (bits == 8) {
                        putOw(l, data[c], packed(entries));
                    } else {
                        short[] w = new short[n];
                        for (int i = 0; i < n; i++) {
                            w[i] = (short) entries[i];
                        }
                        putOw(l, data[c], w);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1.2.840.10008.1.2.1", "1.2.840.10008.1.2", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.5"})
    void paletteColourWithEightBitEntriesIsLookedUpWithClampingOutsideTheTable(String ts) throws Exception {
        byte[] idx = {0, 9, 10, 11, 100, (byte) 200, (byte) 255, 42};
        Path p = write("pal8.dcm", s -> {
            s.transferSyntax = ts;
            s.size(1, 8);
            s.photometric = "PALETTE COLOR";
            s.bytes = idx;
            s.extra = palette(100, 10, 8); // values 10..109 mapped; below → entry 0, above → entry 99
        });
        ImagePlus imp = DicomReader.readFrame(p, 1);
        assertEquals(ImagePlus.COLOR_RGB, imp.getType());
        assertArrayEquals(new int[] {0, 0, 0}, rgbAt(imp, 0, 0));
        assertArrayEquals(new int[] {0, 0, 0}, rgbAt(imp, 1, 0));
        assertArrayEquals(new int[] {0, 0, 0}, rgbAt(imp, 2, 0));
        assertArrayEquals(new int[] {1, 3, 7}, rgbAt(imp, 3, 0));
        assertArrayEquals(new int[] {90, 270 % 256, 630 % 256}, rgbAt(imp, 4, 0));
        assertArrayEquals(new int[] {99, 297 % 256, 693 % 256}, rgbAt(imp, 5, 0));
        assertArrayEquals(new int[] {32, 96, 224}, rgbAt(imp, 7, 0));
    }

    @Test
    void paletteColourWithSixteenBitEntriesAndSixteenBitIndicesTakesTheHighByte() throws Exception {
        short[] idx = {0, 1000, 4095, 300};
        Path p = write("pal16.dcm", s -> {
            s.size(1, 4);
            s.photometric = "PALETTE COLOR";
            s.bitsAllocated = 16;
            s.bitsStored = 12;
            s.highBit = 11;
            s.words = idx;
            s.extra = palette(4096, 0, 16);
        });
        ImagePlus imp = DicomReader.readFrame(p, 1);
        assertArrayEquals(new int[] {1000 >> 8, 3000 >> 8, 7000 >> 8}, rgbAt(imp, 1, 0));
        assertArrayEquals(new int[] {4095 >> 8, (4095 * 3 % 65536) >> 8, (4095 * 7 % 65536) >> 8}, rgbAt(imp, 2, 0));
    }

    @Test
    void segmentedPaletteTablesAreExpanded() throws Exception {
        // Red: discrete 0, linear to 255 over 255 entries (a ramp). Green: discrete 10 20, then an indirect copy of
        // the first segment (10 20) at byte offset 0, then linear to 0 over 252. Blue: 256 zeros.
        int[] red = {0, 1, 0, 1, 255, 255};
        int[] green = {0, 2, 10, 20, 2, 1, 0, 0, 0, 0, 1, 252, 0};
        int[] blue2 = new int[2 * (2 + 128)]; // a length of 256 does not fit a byte: two discrete segments of 128
        blue2[1] = 128;
        blue2[131] = 128;
        Path p = write("seg.dcm", s -> {
            s.size(1, 8);
            s.photometric = "PALETTE COLOR";
            s.bytes = new byte[] {0, 1, 2, 3, 4, 100, (byte) 200, (byte) 255};
            s.extra = l -> {
                try {
                    AttributeTag[] desc = {TagFromName.RedPaletteColorLookupTableDescriptor,
                        TagFromName.GreenPaletteColorLookupTableDescriptor,
                        TagFromName.BluePaletteColorLookupTableDescriptor};
                    int[][] seg = {red, green, blue2};
                    for (int c = 0; c < 3; c++) {
                        putUs(l, desc[c], 256, 0, 8);
                        putOw(l, new AttributeTag(0x0028, 0x1221 + c), packed(seg[c]));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
        });
        ImagePlus imp = DicomReader.readFrame(p, 1);
        int[] expectedGreen = new int[256];
        expectedGreen[0] = 10;
        expectedGreen[1] = 20;
        expectedGreen[2] = 10;
        expectedGreen[3] = 20;
        for (int k = 0; k < 252; k++) { // numpy: around(linspace(20 - 20/252, 0, 252)), half to even
            double start = 20 + (0 - 20) / 252.0;
            double step = (0 - start) / 251;
            expectedGreen[4 + k] = (int) Math.rint(k == 251 ? 0 : k * step + start);
        }
        int[] at = {0, 1, 2, 3, 4, 100, 200, 255};
        for (int i = 0; i < at.length; i++) {
            assertArrayEquals(new int[] {at[i], expectedGreen[at[i]], 0}, rgbAt(imp, i, 0), "value " + at[i]);
        }
    }

    @Test
    void anUnusablePaletteIsRefusedByName() throws Exception {
        Path p = write("badpal.dcm", s -> {
            s.photometric = "PALETTE COLOR";
            s.extra = l -> {
                palette(256, 0, 8).accept(l);
                l.remove(TagFromName.GreenPaletteColorLookupTableData);
            };
        });
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DicomReader.readFrame(p, 1));
        assertTrue(e.getMessage().startsWith(p + ": PALETTE COLOR image with an unusable palette: neither Green Palette"
                + " Color Lookup Table Data"), e.getMessage());
        Path jpeg = write("paljpeg.dcm", s -> {
            s.size(16, 16);
            s.photometric = "PALETTE COLOR";
            s.transferSyntax = TransferSyntax.JPEGBaseline;
            s.extra = palette(256, 0, 8);
        });
        InvalidInputException lossy = assertThrows(InvalidInputException.class, () -> DicomReader.readFrame(jpeg, 1));
        assertTrue(lossy.getMessage().contains("PALETTE COLOR with lossy 1.2.840.10008.1.2.4.50 (JPEG Baseline)"),
                lossy.getMessage());
        assertFalse(lossy.getMessage().contains("Exception"), lossy.getMessage());
    }

    @Test
    void aSmallDeflatedObjectIsRead() throws Exception {
        // PixelMed's inflater reads ahead; the header pass once saw no Pixel Data in deflated files this small
        Path p = write("small_dfl.dcm", s -> {
            s.size(3, 4);
            s.transferSyntax = TransferSyntax.DeflatedExplicitVRLittleEndian;
        });
        ImagePlus imp = DicomReader.readFrame(p, 1);
        assertEquals(Fixtures.pattern(12)[5] & 0xff, imp.getProcessor().get(1, 1));
    }
}
