package nero.io.dicom;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validated, non-identifying description of a DICOM image object: geometry, pixel encoding and provenance
 * (SOP class, modality, transfer syntax). Patient attributes are never copied here. {@code planarConfiguration} is −1
 * when absent.
 */
public record DicomImageInfo(String transferSyntax, String sopClassUid, String modality, int rows, int columns,
        int frames, int samplesPerPixel, int bitsAllocated, int bitsStored, int highBit, boolean signed,
        String photometric, int planarConfiguration, double rescaleSlope, double rescaleIntercept, boolean video) {

    public boolean multiFrame() {
        return frames > 1;
    }

    /** Bytes of one uncompressed frame. */
    public long frameBytes() {
        return (long) rows * columns * samplesPerPixel * (bitsAllocated / 8);
    }

    Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("source", video ? "dicom-video" : "dicom");
        m.put("transfer_syntax", transferSyntax);
        m.put("sop_class_uid", sopClassUid);
        m.put("modality", modality);
        m.put("rows", Integer.toString(rows));
        m.put("columns", Integer.toString(columns));
        m.put("frames", Integer.toString(frames));
        m.put("photometric", photometric);
        m.put("bits_stored", Integer.toString(bitsStored));
        m.put("signed", Boolean.toString(signed));
        return m;
    }
}
