package nero.io.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import nero.core.InvalidInputException;
import nero.io.PixelLimits;
import nero.io.video.UnsupportedVideoException;
import nero.io.video.VideoDecoders;

/**
 * Checks a DICOM header before any pixel is decoded (the cases of the reference notes, §5). PixelMed and ImageJ
 * both accept some broken objects silently (truncated pixels, wrong Rows, unknown transfer syntaxes), so every
 * object is checked here, and each refusal names the file and the attribute values.
 */
final class DicomValidator {
    /** Largest accepted Rows or Columns. */
    static final int MAX_DIMENSION = 16384;
    /** Largest accepted NumberOfFrames (frames are streamed, so this only guards against nonsense values). */
    static final int MAX_FRAMES = 1_000_000;

    private DicomValidator() {
    }

    static DicomImageInfo validate(DicomHeader h) {
        String f = h.file.toString();
        AttributeList a = h.attributes;
        String ts = h.transferSyntax;
        String sop = text(a, TagFromName.SOPClassUID);
        if (!h.hasPixelData) {
            if (a.get(TagFromName.FloatPixelData) != null || a.get(TagFromName.DoubleFloatPixelData) != null) {
                throw new InvalidInputException(f + ": float/double Pixel Data is not supported (SOP Class " + sop + ")");
            }
            if (!h.isDeflated() && h.parsedUpTo < h.fileLength) {
                throw new InvalidInputException(f + ": file truncated or corrupt in the header (parsing stopped at byte "
                        + h.parsedUpTo + " of " + h.fileLength + ", before any Pixel Data)");
            }
            if (a.get(TagFromName.Rows) != null && a.get(TagFromName.Columns) != null) {
                throw new InvalidInputException(f + ": DICOM image has no Pixel Data (7FE0,0010); the file is truncated or"
                        + " the pixels were removed (SOP Class " + sop + ")");
            }
            throw new InvalidInputException(f + ": DICOM object has no image (SOP Class " + sop + ", Modality "
                    + text(a, TagFromName.Modality) + "); structured reports, RT objects, presentation states and"
                    + " DICOMDIRs cannot be scored");
        }
        boolean video = TransferSyntaxes.isVideo(ts);
        if (TransferSyntaxes.isHevc(ts) && !VideoDecoders.useFfmpeg()) {
            throw new UnsupportedVideoException(f, "DICOM (transfer syntax " + TransferSyntaxes.describe(ts) + ")",
                    "HEVC/H.265", "HEVC is not decoded by the pure-Java video decoder", null);
        }
        if (!video && !TransferSyntaxes.isDecodableImage(ts)) {
            String why = TransferSyntaxes.needsMissingCodec(ts) ? "no decoder for it is installed"
                    : "not a transfer syntax this reader supports";
            throw new InvalidInputException(f + ": unsupported transfer syntax " + TransferSyntaxes.describe(ts) + ": "
                    + why + "; convert the file to Explicit VR Little Endian or JPEG Baseline (e.g. dcmtk dcmdjpeg/dcmdjpls)");
        }
        int rows = integer(a, TagFromName.Rows, -1);
        int cols = integer(a, TagFromName.Columns, -1);
        int frames = integer(a, TagFromName.NumberOfFrames, 1);
        int spp = integer(a, TagFromName.SamplesPerPixel, -1);
        int ba = integer(a, TagFromName.BitsAllocated, -1);
        int bs = integer(a, TagFromName.BitsStored, ba);
        int hb = integer(a, TagFromName.HighBit, bs - 1);
        int pr = integer(a, TagFromName.PixelRepresentation, 0);
        String pi = text(a, TagFromName.PhotometricInterpretation);
        String geometry = "Rows=" + rows + ", Columns=" + cols + ", NumberOfFrames=" + frames + ", SamplesPerPixel=" + spp
                + ", BitsAllocated=" + ba + ", BitsStored=" + bs + ", HighBit=" + hb + ", PixelRepresentation=" + pr
                + ", PhotometricInterpretation=" + pi;
        if (rows <= 0 || cols <= 0) {
            throw new InvalidInputException(f + ": Rows/Columns missing or not positive (" + geometry + ")");
        }
        if (rows > MAX_DIMENSION || cols > MAX_DIMENSION) {
            throw new InvalidInputException(f + ": image too large: Rows=" + rows + ", Columns=" + cols
                    + " (at most " + MAX_DIMENSION + " each)");
        }
        PixelLimits.checkImage(f.toString(), "frame (Rows × Columns)", cols, rows);
        if (frames <= 0 || frames > MAX_FRAMES) {
            throw new InvalidInputException(f + ": NumberOfFrames=" + frames + " is not in 1.." + MAX_FRAMES);
        }
        if (spp != 1 && spp != 3) {
            throw new InvalidInputException(f + ": SamplesPerPixel=" + spp + " is not supported (only 1 or 3; " + geometry + ")");
        }
        if (ba != 8 && ba != 16) {
            throw new InvalidInputException(f + ": BitsAllocated=" + ba + " is not supported (only 8 or 16; " + geometry + ")");
        }
        if (spp == 3 && ba != 8) {
            throw new InvalidInputException(f + ": colour images with BitsAllocated=" + ba + " are not supported (only 8)");
        }
        if (bs <= 0 || bs > ba || hb != bs - 1) {
            throw new InvalidInputException(f + ": inconsistent bit depth: BitsAllocated=" + ba + ", BitsStored=" + bs
                    + ", HighBit=" + hb + " (need 0 < BitsStored <= BitsAllocated and HighBit = BitsStored - 1)");
        }
        if (pr != 0 && pr != 1) {
            throw new InvalidInputException(f + ": PixelRepresentation=" + pr + " is not 0 or 1");
        }
        int planar = integer(a, TagFromName.PlanarConfiguration, -1);
        DicomColour colour;
        try {
            colour = DicomColour.decide(pi, spp, planar, cols, ts);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(f + ": " + e.getMessage() + " (" + geometry + ")");
        }
        if (colour == DicomColour.PALETTE) {
            try {
                PaletteTable.of(a, pr == 1);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(f + ": PALETTE COLOR image with an unusable palette: " + e.getMessage());
            }
        }
        if (isTwelveBitJpegExtended(ts, bs)) {
            throw new InvalidInputException(f + ": unsupported transfer syntax " + TransferSyntaxes.describe(ts)
                    + " with BitsStored=" + bs + ": 12-bit JPEG cannot be decoded by the Java JPEG reader; convert with"
                    + " dcmtk dcmdjpeg");
        }
        long frameBytes = (long) rows * cols * spp * (ba / 8);
        if (DicomColour.isNativeSubsampled(pi) && TransferSyntaxes.isNative(ts)) {
            frameBytes = (long) rows * cols * 2 * (ba / 8); // native 4:2:2 stores Y Y Cb Cr per pixel pair
        }
        if (frameBytes > Integer.MAX_VALUE) {
            throw new InvalidInputException(f + ": one frame would need " + frameBytes + " bytes (" + geometry + ")");
        }
        boolean encapsulated = h.pixelValueLength == DicomHeader.UNDEFINED_LENGTH;
        if (TransferSyntaxes.isNative(ts)) {
            if (h.pixelValueLength != DicomHeader.UNKNOWN_LENGTH) {
                checkNativeLength(h, frames, frameBytes, geometry);
            }
        } else if (!encapsulated) {
            throw new InvalidInputException(f + ": transfer syntax " + TransferSyntaxes.describe(ts)
                    + " needs encapsulated Pixel Data, but its length is given as " + h.pixelValueLength);
        }
        return new DicomImageInfo(ts, sop, text(a, TagFromName.Modality), rows, cols, frames, spp, ba, bs, hb, pr == 1, pi,
                planar, decimal(a, TagFromName.RescaleSlope, 1), decimal(a, TagFromName.RescaleIntercept, 0), video);
    }

    private static boolean isTwelveBitJpegExtended(String ts, int bitsStored) {
        return TransferSyntaxes.JPEG_EXTENDED.equals(ts) && bitsStored > 8;
    }

    private static void checkNativeLength(DicomHeader h, int frames, long frameBytes, String geometry) {
        String f = h.file.toString();
        long need = frameBytes * frames;
        long have = h.pixelValueLength;
        if (have == DicomHeader.UNDEFINED_LENGTH) {
            throw new InvalidInputException(f + ": native transfer syntax " + TransferSyntaxes.describe(h.transferSyntax)
                    + " but Pixel Data has undefined length (encapsulated)");
        }
        if (have != need && have != need + 1) {
            throw new InvalidInputException(f + ": Pixel Data length " + have + " bytes ≠ Rows×Columns×SamplesPerPixel×"
                    + "BitsAllocated/8×NumberOfFrames = " + need + " (" + geometry + ")");
        }
        if (h.pixelValueOffset >= 0) {
            long present = Math.max(0, h.fileLength - h.pixelValueOffset);
            if (present < need) {
                throw new InvalidInputException(f + ": Pixel Data truncated (have " + present + ", need " + need + " bytes)");
            }
        }
    }

    static String text(AttributeList a, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(a, tag).trim();
    }

    private static int integer(AttributeList a, AttributeTag tag, int missing) {
        Attribute at = a.get(tag);
        if (at == null || at.getVM() == 0) {
            return missing;
        }
        String s = Attribute.getSingleStringValueOrEmptyString(a, tag).trim();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            long v = Attribute.getSingleLongValueOrDefault(a, tag, missing);
            return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
        }
    }

    private static double decimal(AttributeList a, AttributeTag tag, double missing) {
        String s = text(a, tag);
        if (s.isEmpty()) {
            return missing;
        }
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) ? v : missing;
        } catch (NumberFormatException e) {
            return missing;
        }
    }
}
