package nero.io.dicom;

import java.util.Map;
import javax.imageio.ImageIO;

/** The transfer syntaxes this project reads, their names, and which need an optional ImageIO codec. */
final class TransferSyntaxes {
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String DEFLATED = "1.2.840.10008.1.2.1.99";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
    static final String RLE = "1.2.840.10008.1.2.5";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(IMPLICIT_LE, "Implicit VR Little Endian"),
            Map.entry(EXPLICIT_LE, "Explicit VR Little Endian"),
            Map.entry(DEFLATED, "Deflated Explicit VR Little Endian"),
            Map.entry(EXPLICIT_BE, "Explicit VR Big Endian"),
            Map.entry(JPEG_BASELINE, "JPEG Baseline"),
            Map.entry(JPEG_EXTENDED, "JPEG Extended"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless SV1"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
            Map.entry(RLE, "RLE Lossless"),
            Map.entry("1.2.840.10008.1.2.4.100", "MPEG-2 MP@ML"),
            Map.entry("1.2.840.10008.1.2.4.101", "MPEG-2 MP@HL"),
            Map.entry("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile"),
            Map.entry("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile"),
            Map.entry("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile For 2D Video"),
            Map.entry("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile For 3D Video"),
            Map.entry("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile"),
            Map.entry("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile"),
            Map.entry("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile"));

    /** Codecs PixelMed finds through ImageIO when their jars are on the class path (not bundled here). */
    private static final Map<String, String> OPTIONAL_CODEC_FORMAT = Map.of(
            "1.2.840.10008.1.2.4.57", "jpeg-lossless", "1.2.840.10008.1.2.4.70", "jpeg-lossless",
            "1.2.840.10008.1.2.4.80", "jpeg-ls", "1.2.840.10008.1.2.4.81", "jpeg-ls",
            "1.2.840.10008.1.2.4.90", "jpeg2000", "1.2.840.10008.1.2.4.91", "jpeg2000");

    private TransferSyntaxes() {
    }

    static String describe(String uid) {
        return uid + " (" + NAMES.getOrDefault(uid, "unknown or private") + ")";
    }

    static boolean isNative(String uid) {
        return IMPLICIT_LE.equals(uid) || EXPLICIT_LE.equals(uid) || EXPLICIT_BE.equals(uid) || DEFLATED.equals(uid);
    }

    static boolean isVideo(String uid) {
        return uid.startsWith("1.2.840.10008.1.2.4.10") && uid.length() == "1.2.840.10008.1.2.4.100".length();
    }

    static boolean isJpeg2000(String uid) {
        return "1.2.840.10008.1.2.4.90".equals(uid) || "1.2.840.10008.1.2.4.91".equals(uid);
    }

    static boolean isHevc(String uid) {
        return uid.equals("1.2.840.10008.1.2.4.107") || uid.equals("1.2.840.10008.1.2.4.108");
    }

    /** Whether pixels in this syntax can be decoded here (video syntaxes are handled separately). */
    static boolean isDecodableImage(String uid) {
        if (isNative(uid) || JPEG_BASELINE.equals(uid) || JPEG_EXTENDED.equals(uid) || RLE.equals(uid)) {
            return true;
        }
        String format = OPTIONAL_CODEC_FORMAT.get(uid);
        return format != null && ImageIO.getImageReadersByFormatName(format).hasNext();
    }

    static boolean needsMissingCodec(String uid) {
        return OPTIONAL_CODEC_FORMAT.containsKey(uid) && !isDecodableImage(uid);
    }
}
