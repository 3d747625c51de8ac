package nero.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.TransferSyntax;
import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import nero.core.InvalidInputException;
import nero.io.Fixtures;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.source.ImageSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DicomReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, Consumer<Fixtures.Spec> edit) throws Exception {
        Fixtures.Spec s = new Fixtures.Spec();
        edit.accept(s);
        Path p = dir.resolve(name);
        Fixtures.writeDicom(p, s);
        return p;
    }

    private static List<SourceItem> items(ImageSource src) {
        List<SourceItem> all = new ArrayList<>();
        try (src) {
            src.forEach(all::add);
        }
        return all;
    }

    private String refusal(Path file) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DicomReader.readFrame(file, 1));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("Secret"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsNative8BitGreyExactly() throws Exception {
        Path p = write("grey8.dcm", s -> { });
        ImagePlus imp = DicomReader.readFrame(p, 1);
        assertInstanceOf(ByteProcessor.class, imp.getProcessor());
        assertEquals(10, imp.getWidth());
        assertEquals(8, imp.getHeight());
        byte[] expected = Fixtures.pattern(80);
        assertEquals(expected[13] & 0xff, imp.getProcessor().get(3, 1));
    }

    @Test
    void readsSigned16BitWithImageJOffsetAndCalibration() throws Exception {
        short[] words = new short[80];
        words[0] = -1000;
        words[1] = 1234;
        Path p = write("signed16.dcm", s -> {
            s.bitsAllocated = 16;
            s.bitsStored = 16;
            s.highBit = 15;
            s.pixelRepresentation = 1;
            s.words = words;
        });
        ImagePlus imp = DicomReader.readFrame(p, 1);
        assertInstanceOf(ShortProcessor.class, imp.getProcessor());
        assertEquals(-1000 + 32768, imp.getProcessor().get(0, 0));
        assertEquals(-1000, imp.getCalibration().getCValue(imp.getProcessor().get(0, 0)), 1e-9);
        assertEquals(1234, imp.getCalibration().getCValue(imp.getProcessor().get(1, 0)), 1e-9);
    }

    @Test
    void invertsMonochrome1() throws Exception {
        short[] words = new short[80];
        words[0] = 0;
        words[1] = 4095;
        Path p = write("mono1.dcm", s -> {
            s.bitsAllocated = 16;
            s.bitsStored = 12;
            s.highBit = 11;
            s.photometric = "MONOCHROME1";
            s.words = words;
        });
        ImagePlus imp = DicomReader.readFrame(p, 1);
        assertEquals(4095, imp.getProcessor().get(0, 0));
        assertEquals(0, imp.getProcessor().get(1, 0));
    }

    @Test
    void readsRgbAndJpegBaseline() throws Exception {
        Path rgb = write("rgb.dcm", s -> {
            s.spp = 3;
            s.photometric = "RGB";
        });
        assertEquals(ImagePlus.COLOR_RGB, DicomReader.readFrame(rgb, 1).getType());
        Path jpeg = write("jpeg.dcm", s -> {
            s.size(48, 64);
            s.spp = 3;
            s.photometric = "YBR_FULL_422";
            s.transferSyntax = TransferSyntax.JPEGBaseline;
        });
        ImagePlus imp = DicomReader.readFrame(jpeg, 1);
        assertEquals(ImagePlus.COLOR_RGB, imp.getType());
        int left = imp.getProcessor().getPixel(2, 20) & 0xff;
        int right = imp.getProcessor().getPixel(61, 20) & 0xff;
        assertTrue(right > left + 150, "gradient survives JPEG: " + left + " → " + right);
    }

    @Test
    void multiFrameYieldsOneItemPerFrameWithFrameIds() throws Exception {
        int frames = 5;
        byte[] px = new byte[frames * 80];
        for (int f = 0; f < frames; f++) {
            java.util.Arrays.fill(px, f * 80, (f + 1) * 80, (byte) (f * 10));
        }
        Path p = write("multi.dcm", s -> {
            s.frames = frames;
            s.bytes = px;
        });
        List<SourceItem> items = items(DicomReader.open(p));
        assertEquals(frames, items.size());
        for (int f = 0; f < frames; f++) {
            assertEquals(p + "#frame=" + (f + 1), items.get(f).id());
            assertEquals(f * 10, items.get(f).read().getProcessor().get(5, 5));
        }
        Path one = write("one.dcm", s -> { });
        assertEquals(one.toString(), items(DicomReader.open(one)).get(0).id());
    }

    @ParameterizedTest(name = "{0}, {1} sample(s)")
    @CsvSource({"1.2.840.10008.1.2.1,1", "1.2.840.10008.1.2.1,3", "1.2.840.10008.1.2.2,1", "1.2.840.10008.1.2.2,3"})
    void eightBitFramesOfOddLengthInOwPixelDataAreReadInPlace(String ts, int spp) throws Exception {
        // 3 × 3 pixels: an odd number of bytes a frame. PixelMed dropped each frame's last sample and shifted the
        // next frames by one (pydicom's SC_rgb_small_odd.dcm has this layout)
        int frames = 3;
        byte[] px = Fixtures.pattern(frames * 9 * spp);
        Path p = write("ow" + spp + ".dcm", s -> {
            s.size(3, 3);
            s.frames = frames;
            s.spp = spp;
            s.photometric = spp == 3 ? "RGB" : "MONOCHROME2";
            s.transferSyntax = ts;
            s.eightBitAsWords = true;
            s.bytes = px;
        });
        List<SourceItem> items = items(DicomReader.open(p));
        int i = 0;
        for (SourceItem item : items) {
            ImagePlus imp = item.read();
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 3; x++) {
                    int v = imp.getProcessor().getPixel(x, y);
                    int[] samples = spp == 3 ? new int[] {v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff} : new int[] {v};
                    for (int sample : samples) {
                        assertEquals(px[i] & 0xff, sample, item.id() + " sample " + i);
                        i++;
                    }
                }
            }
        }
        assertEquals(px.length, i);
    }

    @Test
    void multiFrameJpeg() throws Exception {
        Path p = write("mjpeg.dcm", s -> {
            s.size(16, 32);
            s.frames = 3;
            s.transferSyntax = TransferSyntax.JPEGBaseline;
        });
        List<SourceItem> items = items(DicomReader.open(p));
        assertEquals(3, items.size());
        assertEquals(32, items.get(2).read().getWidth());
    }

    @Test
    void manyFramesStreamFrameByFrame() throws Exception {
        int frames = 3000;
        Path p = write("many.dcm", s -> {
            s.size(16, 16);
            s.frames = frames;
        });
        int n = 0;
        long sum = 0;
        try (ImageSource src = DicomReader.open(p)) {
            for (SourceItem item : src) {
                sum += item.read().getProcessor().get(1, 0);
                n++;
            }
        }
        assertEquals(frames, n);
        assertTrue(sum > 0);
    }

    @Test
    void metadataHasNoPatientAttributes() throws Exception {
        Path p = write("meta.dcm", s -> { });
        SourceItem item = items(DicomReader.open(p)).get(0);
        String all = item.metadata().toString() + item.id();
        assertFalse(all.contains("Secret") || all.contains(Fixtures.SECRET_ID), all);
        assertEquals("ES", item.metadata().get("modality"));
        assertEquals(TransferSyntax.ExplicitVRLittleEndian, item.metadata().get("transfer_syntax"));
    }

    // ---- refusals (reference notes §5) ----

    @Test
    void refusesNonDicom() throws Exception {
        Path p = dir.resolve("random.dcm");
        Files.write(p, Fixtures.pattern(2000));
        assertTrue(refusal(p).contains("not a DICOM Part-10 file"));
        Path empty = Files.createFile(dir.resolve("empty.dcm"));
        assertTrue(refusal(empty).contains("empty"));
        assertTrue(refusal(dir).contains("not a file"));
    }

    @Test
    void refusesTruncatedHeader() throws Exception {
        Path p = Fixtures.truncate(write("full.dcm", s -> s.size(64, 64)), dir.resolve("head.dcm"), 300);
        assertTrue(refusal(p).contains("truncated"), refusal(p));
    }

    @Test
    void refusesTruncatedNativePixelData() throws Exception {
        Path full = write("full.dcm", s -> s.size(64, 64));
        Path p = Fixtures.truncate(full, dir.resolve("px.dcm"), Files.size(full) - 100);
        assertTrue(refusal(p).contains("Pixel Data truncated (have"), refusal(p));
    }

    @Test
    void refusesTruncatedEncapsulatedJpeg() throws Exception {
        Path full = write("j.dcm", s -> {
            s.size(64, 64);
            s.transferSyntax = TransferSyntax.JPEGBaseline;
        });
        Path p = Fixtures.truncate(full, dir.resolve("jt.dcm"), Files.size(full) - 200);
        String m = refusal(p);
        assertTrue(m.contains("truncated") || m.contains("corrupt"), m);
    }

    @Test
    void refusesMissingPixelData() throws Exception {
        Path p = write("nopx.dcm", s -> s.pixelData = false);
        assertTrue(refusal(p).contains("no Pixel Data"), refusal(p));
    }

    @Test
    void refusesUnknownTransferSyntax() throws Exception {
        Path p = write("ts.dcm", s -> { });
        Fixtures.patch(p, "1.2.840.10008.1.2.1", "1.2.840.10008.9.9.1");
        String m = refusal(p);
        assertTrue(m.contains("unsupported transfer syntax 1.2.840.10008.9.9.1"), m);
    }

    @Test
    void refusesZeroAndHugeDimensions() throws Exception {
        assertTrue(refusal(write("zero.dcm", s -> s.rows = 0)).contains("Rows=0"));
        Path huge = write("huge.dcm", s -> {
            s.bytes = new byte[80];
            s.rows = 65535;
            s.cols = 65535;
            s.numberOfFramesAttribute = 50000;
        });
        assertTrue(refusal(huge).contains("too large"), refusal(huge));
        // each side within 16384, but 150 megapixels a frame: over the pixel limit, refused before decoding
        Path wide = write("wide.dcm", s -> {
            s.bytes = new byte[80];
            s.rows = 10000;
            s.cols = 15000;
        });
        assertTrue(refusal(wide).contains("frame (Rows × Columns) size 15000x10000 is too large"), refusal(wide));
    }

    @Test
    void refusesSizesInconsistentWithPixelData() throws Exception {
        Path p = write("rows.dcm", s -> {
            s.bytes = new byte[80];
            s.rows = 13;
        });
        String m = refusal(p);
        assertTrue(m.contains("Pixel Data length 80") && m.contains("Rows=13"), m);
        Path frames = write("frames.dcm", s -> {
            s.bytes = new byte[80];
            s.numberOfFramesAttribute = 3;
        });
        assertTrue(refusal(frames).contains("NumberOfFrames=3"));
    }

    @Test
    void refusesOddSamplesBitsAndPhotometric() throws Exception {
        assertTrue(refusal(write("spp.dcm", s -> {
            s.spp = 4;
            s.photometric = "ARGB";
            s.bytes = new byte[320];
        })).contains("SamplesPerPixel=4"));
        assertTrue(refusal(write("ba.dcm", s -> {
            s.bitsAllocated = 32;
            s.bitsStored = 32;
            s.highBit = 31;
            s.bytes = new byte[320];
        })).contains("BitsAllocated=32"));
        assertTrue(refusal(write("bs.dcm", s -> s.bitsStored = 12)).contains("BitsStored=12"));
        assertTrue(refusal(write("hb.dcm", s -> s.highBit = 3)).contains("HighBit=3"));
        assertTrue(refusal(write("pi.dcm", s -> s.photometric = "CMYK")).contains("PhotometricInterpretation=CMYK"));
        assertTrue(refusal(write("pi3.dcm", s -> {
            s.spp = 3;
            s.photometric = "MONOCHROME2";
        })).contains("PhotometricInterpretation=MONOCHROME2"));
    }

    @Test
    void refusesBadFrameCounts() throws Exception {
        assertTrue(refusal(write("nf0.dcm", s -> s.numberOfFramesAttribute = 0)).contains("NumberOfFrames=0"));
        Path p = write("jf.dcm", s -> {
            s.frames = 2;
            s.numberOfFramesAttribute = 3;
            s.transferSyntax = TransferSyntax.JPEGBaseline;
        });
        assertTrue(refusal(p).contains("NumberOfFrames=3"), refusal(p));
    }

    @Test
    void refusesFrameIndexOutOfRange() throws Exception {
        Path p = write("r.dcm", s -> { });
        assertThrows(IllegalArgumentException.class, () -> DicomReader.readFrame(p, 2));
        assertThrows(IllegalArgumentException.class, () -> DicomReader.readFrame(p, 0));
    }

    @Test
    void brokenFileInAFolderBecomesAFailingItem() throws Exception {
        write("a_good.dcm", s -> { });
        Files.write(dir.resolve("b_bad.dcm"), Fixtures.pattern(10));
        Fixtures.truncate(write("c_full.dcm", s -> s.size(64, 64)), dir.resolve("d_trunc.dcm"), 300);
        List<SourceItem> items = items(ImageSources.open(dir));
        int ok = 0;
        int failed = 0;
        for (SourceItem item : items) {
            try {
                item.read();
                ok++;
            } catch (InvalidInputException e) {
                failed++;
            }
        }
        assertEquals(2, ok);
        // the truncated object and the random bytes named .dcm: both reported by the batch, neither dropped silently
        assertEquals(2, failed);
    }
}
