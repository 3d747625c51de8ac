package nero.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ImageStatistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.core.InvalidInputException;
import nero.io.Fixtures;
import nero.io.ImageSource;
import nero.io.SourceItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Real third-party DICOM files from Debian's python3-pydicom (read in place, never copied). */
class PydicomSamplesTest {

    @ParameterizedTest
    @CsvSource({"CT_small.dcm,128,128,1,1", "MR_small.dcm,64,64,1,1", "MR_small_implicit.dcm,64,64,1,1",
        "MR_small_bigendian.dcm,64,64,1,1", "SC_rgb_jpeg_dcmtk.dcm,100,100,1,4",
        "SC_rgb_dcmtk_+eb+cy+np.dcm,100,100,1,4", "SC_rgb_small_odd_jpeg.dcm,3,3,1,4", "SC_rgb_rle_2frame.dcm,100,100,2,4",
        "SC_ybr_full_422_uncompressed.dcm,100,100,1,4", "ExplVR_BigEnd.dcm,60,80,1,4", "image_dfl.dcm,512,512,1,0"})
    void decodesSupportedSamples(String name, int rows, int cols, int frames, int type) {
        Path p = Fixtures.pydicom(name);
        DicomImageInfo info = DicomReader.inspect(p);
        assertEquals(rows, info.rows());
        assertEquals(cols, info.columns());
        assertEquals(frames, info.frames());
        List<SourceItem> items = new ArrayList<>();
        try (ImageSource src = DicomReader.open(p)) {
            src.forEach(items::add);
        }
        assertEquals(frames, items.size());
        ImagePlus imp = items.get(frames - 1).read();
        assertEquals(cols, imp.getWidth());
        assertEquals(rows, imp.getHeight());
        assertEquals(type, imp.getType());
        assertTrue(imp.getStatistics().stdDev > 0, name + " decodes to a flat image");
    }

    @Test
    void mrSmallIsTheSameInAllThreeByteOrders() {
        ImageStatistics explicit = DicomReader.readFrame(Fixtures.pydicom("MR_small.dcm"), 1).getStatistics();
        for (String other : List.of("MR_small_implicit.dcm", "MR_small_bigendian.dcm")) {
            ImagePlus imp = DicomReader.readFrame(Fixtures.pydicom(other), 1);
            assertEquals(explicit.mean, imp.getStatistics().mean, 1e-9, other);
        }
    }

    @Test
    void ctSmallCalibratesToHounsfieldUnits() {
        ImagePlus imp = DicomReader.readFrame(Fixtures.pydicom("CT_small.dcm"), 1);
        double min = imp.getCalibration().getCValue(imp.getProcessor().getMin());
        double max = imp.getCalibration().getCValue(imp.getProcessor().getMax());
        assertTrue(min >= -3000 && max <= 5000 && max > min, min + ".." + max);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MR_truncated.dcm|Pixel Data truncated (have",
        "rtplan_truncated.dcm|truncated",
        "rtplan.dcm|has no image",
        "no_meta.dcm|not a DICOM Part-10 file",
        "meta_missing_tsyntax.dcm|no Transfer Syntax UID",
        "JPGExtended.dcm|unsupported transfer syntax 1.2.840.10008.1.2.4.51",
        "MR_small_jpeg_ls_lossless.dcm|unsupported transfer syntax 1.2.840.10008.1.2.4.80",
        "JPEG2000.dcm|unsupported transfer syntax 1.2.840.10008.1.2.4.91",
        "GDCMJ2K_TextGBR.dcm|unsupported transfer syntax 1.2.840.10008.1.2.4.90 (JPEG 2000 Lossless): no decoder",
        "SC_rgb_rle_16bit.dcm|colour images with BitsAllocated=16 are not supported",
        "test-SR.dcm|has no image",
        "waveform_ecg.dcm|has no image"})
    void refusesBadOrUnsupportedSamples(String name, String expected) {
        Path p = Fixtures.pydicom(name);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DicomReader.readFrame(p, 1));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CT_small.dcm", "MR_small.dcm", "SC_rgb_jpeg_dcmtk.dcm"})
    void metadataNeverCarriesPatientAttributes(String name) {
        Path p = Fixtures.pydicom(name);
        try (ImageSource src = DicomReader.open(p)) {
            for (SourceItem item : src) {
                String keys = item.metadata().keySet().toString().toLowerCase();
                assertFalse(keys.contains("patient") || keys.contains("birth") || keys.contains("name"), keys);
            }
        }
    }
}
