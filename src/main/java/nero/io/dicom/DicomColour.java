package nero.io.dicom;

/**
 * How the decoded samples of a DICOM image object become what the model sees, by Photometric Interpretation
 * (PS3.3 C.7.6.3.1.2) and transfer syntax (PS3.5 §8.2). {@link #decide} is the one place that says which
 * combinations are read; every other one is refused by name.
 */
enum DicomColour {
    /** MONOCHROME1/2: grey values (16-bit kept raw). */
    GREY,
    /** The decoder already gives RGB: RGB; JPEG's own colour transform (JFIF/Adobe markers) for YBR in JPEG; the
     * JPEG 2000 component transform for YBR_ICT/YBR_RCT; a video stream's decoder for DICOM video. */
    AS_DECODED,
    /** YBR_FULL and YBR_FULL_422 samples as stored (native, RLE): converted with the full-range equations. */
    YBR_FULL,
    /** YBR_PARTIAL_422 samples as stored (native): converted with the studio-range equations. */
    YBR_PARTIAL,
    /** PALETTE COLOR: each stored value looked up in the Red, Green and Blue Palette Color Lookup Tables. */
    PALETTE;

    static final String PALETTE_COLOR = "PALETTE COLOR";

    /** Whether native pixel data of this interpretation stores Y Y Cb Cr for each pair of pixels. */
    static boolean isNativeSubsampled(String photometric) {
        return "YBR_FULL_422".equals(photometric) || "YBR_PARTIAL_422".equals(photometric);
    }

    /**
     * The rule for these attribute values, or an {@link IllegalArgumentException} whose message says why they are
     * not read ({@code planar} −1 when absent).
     */
    static DicomColour decide(String pi, int spp, int planar, int columns, String ts) {
        boolean nativeSyntax = TransferSyntaxes.isNative(ts);
        boolean rle = TransferSyntaxes.RLE.equals(ts);
        boolean jpegLossy = TransferSyntaxes.JPEG_BASELINE.equals(ts) || TransferSyntaxes.JPEG_EXTENDED.equals(ts);
        boolean jpeg2000 = TransferSyntaxes.isJpeg2000(ts);
        if (spp == 1) {
            if ("MONOCHROME1".equals(pi) || "MONOCHROME2".equals(pi)) {
                return GREY;
            }
            if (PALETTE_COLOR.equals(pi)) {
                if (jpegLossy || TransferSyntaxes.isVideo(ts)) {
                    throw new IllegalArgumentException("PhotometricInterpretation=PALETTE COLOR with lossy "
                            + TransferSyntaxes.describe(ts) + " is not allowed (PS3.5 §8.2.1: palette indices need a"
                            + " lossless transfer syntax)");
                }
                return PALETTE;
            }
            throw new IllegalArgumentException("PhotometricInterpretation=" + pi + " with SamplesPerPixel=1 is not"
                    + " supported (one sample: MONOCHROME1, MONOCHROME2, PALETTE COLOR)");
        }
        if (planar != -1 && planar != 0 && planar != 1) {
            throw new IllegalArgumentException("PlanarConfiguration=" + planar + " is not 0 or 1");
        }
        if (TransferSyntaxes.isVideo(ts)) {
            return switch (pi) {
                case "YBR_PARTIAL_420", "YBR_FULL_422", "YBR_FULL", "YBR_PARTIAL_422", "RGB" -> AS_DECODED;
                default -> throw new IllegalArgumentException("PhotometricInterpretation=" + pi + " is not a colour"
                        + " model of a video transfer syntax (PS3.5 §8.2 requires YBR_PARTIAL_420)");
            };
        }
        switch (pi) {
            case "RGB":
                return AS_DECODED;
            case "YBR_FULL":
            case "YBR_FULL_422":
                if (jpegLossy) {
                    return AS_DECODED; // the JPEG decoder converts YCbCr to RGB itself (verified: no second conversion)
                }
                if ("YBR_FULL_422".equals(pi) && nativeSyntax) {
                    requireNativeSubsampledLayout(pi, planar, columns);
                }
                if (nativeSyntax || rle) {
                    return YBR_FULL; // RLE keeps each component whole: YBR_FULL_422 there holds full-size planes
                }
                throw new IllegalArgumentException("PhotometricInterpretation=" + pi + " with "
                        + TransferSyntaxes.describe(ts) + " is not supported (read: native, RLE, JPEG Baseline)");
            case "YBR_PARTIAL_422":
                if (nativeSyntax) {
                    requireNativeSubsampledLayout(pi, planar, columns);
                    return YBR_PARTIAL;
                }
                throw new IllegalArgumentException("PhotometricInterpretation=YBR_PARTIAL_422 (retired) is read only"
                        + " uncompressed, not with " + TransferSyntaxes.describe(ts));
            case "YBR_PARTIAL_420":
                throw new IllegalArgumentException("PhotometricInterpretation=YBR_PARTIAL_420 is defined only for the"
                        + " MPEG-2, H.264 and HEVC video transfer syntaxes (PS3.5 §8.2), not for "
                        + TransferSyntaxes.describe(ts));
            case "YBR_ICT":
            case "YBR_RCT":
                if (jpeg2000) {
                    return AS_DECODED; // the JPEG 2000 decoder undoes its own component transform
                }
                throw new IllegalArgumentException("PhotometricInterpretation=" + pi + " is defined only for JPEG 2000"
                        + " (PS3.5 §8.2.4), not for " + TransferSyntaxes.describe(ts));
            default:
                throw new IllegalArgumentException("PhotometricInterpretation=" + pi + " with SamplesPerPixel=" + spp
                        + " is not supported (three samples: RGB, YBR_FULL, YBR_FULL_422, YBR_PARTIAL_422; YBR_ICT and"
                        + " YBR_RCT in JPEG 2000; YBR_PARTIAL_420 in video)");
        }
    }

    private static void requireNativeSubsampledLayout(String pi, int planar, int columns) {
        if (planar == 1) {
            throw new IllegalArgumentException("PhotometricInterpretation=" + pi + " with PlanarConfiguration=1 is not"
                    + " allowed (PS3.3 C.7.6.3.1.3: subsampled data is stored Y Y Cb Cr, colour-by-pixel)");
        }
        if (columns % 2 != 0) {
            throw new IllegalArgumentException("PhotometricInterpretation=" + pi + " uncompressed with an odd number of"
                    + " Columns (" + columns + ") is not supported (Y Y Cb Cr pairs)");
        }
    }
}
