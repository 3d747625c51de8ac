package nero.io.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import nero.core.InvalidInputException;
import nero.io.FileKind;

/**
 * The attributes before Pixel Data, read with PixelMed without touching the pixels, plus where the Pixel Data value
 * starts and how long it says it is. PixelMed logs truncation instead of throwing, so the positions kept here are
 * what lets {@link DicomValidator} detect truncated headers and pixel data.
 */
final class DicomHeader {
    static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;
    /** Pixel Data length not known from the header pass (deflated files); checked after PixelMed's full read. */
    static final long UNKNOWN_LENGTH = -2;

    final Path file;
    final long fileLength;
    final AttributeList attributes;
    final String transferSyntax;
    /** Whether a (7FE0,0010) Pixel Data element was found. */
    final boolean hasPixelData;
    /** Byte offset of the Pixel Data value in the file (−1 for deflated files, where offsets are not file offsets). */
    final long pixelValueOffset;
    /** Pixel Data value length as written, {@link #UNDEFINED_LENGTH} for encapsulated data; −1 when absent. */
    final long pixelValueLength;
    /** Byte offset where parsing stopped (the end of the header, or where a truncated header broke off). */
    final long parsedUpTo;
    final String pixelDataVr;

    private DicomHeader(Path file, long fileLength, AttributeList attributes, String transferSyntax, boolean hasPixelData,
            long pixelValueOffset, long pixelValueLength, long parsedUpTo, String pixelDataVr) {
        this.file = file;
        this.fileLength = fileLength;
        this.attributes = attributes;
        this.transferSyntax = transferSyntax;
        this.hasPixelData = hasPixelData;
        this.pixelValueOffset = pixelValueOffset;
        this.pixelValueLength = pixelValueLength;
        this.parsedUpTo = parsedUpTo;
        this.pixelDataVr = pixelDataVr;
    }

    boolean isDeflated() {
        return TransferSyntaxes.DEFLATED.equals(transferSyntax);
    }

    static DicomHeader read(Path file) {
        long fileLength;
        try {
            fileLength = Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (FileKind.of(file) != FileKind.DICOM) {
            throw new InvalidInputException(file + ": not a DICOM Part-10 file (no 128-byte preamble followed by 'DICM';"
                    + " files without a meta header are refused)");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                DicomInputStream dis = new DicomInputStream(in)) {
            AttributeList list = new AttributeList();
            long parsed = list.read(dis, TagFromName.PixelData);
            String ts = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.TransferSyntaxUID).trim();
            if (ts.isEmpty()) {
                throw new InvalidInputException(file + ": the DICOM meta header has no Transfer Syntax UID (0002,0010)");
            }
            byte[] next = TransferSyntaxes.DEFLATED.equals(ts) ? afterInflatedPixelDataTag(file) : dis.readNBytes(8);
            if (next.length == 0) {
                return new DicomHeader(file, fileLength, list, ts, false, -1, -1, parsed, "");
            }
            if (next.length < 8) {
                throw new InvalidInputException(file + ": file truncated right after the Pixel Data tag (byte " + parsed + ")");
            }
            if (TransferSyntaxes.DEFLATED.equals(ts)) {
                // offsets in the inflated stream are not file offsets; the length is checked after PixelMed's full read
                return new DicomHeader(file, fileLength, list, ts, true, -1, UNKNOWN_LENGTH, parsed, "");
            }
            String vr;
            long vl;
            long valueOffset = parsed + 8;
            if (TransferSyntaxes.IMPLICIT_LE.equals(ts)) {
                valueOffset = parsed + 4;
                vr = "";
                vl = littleEndian32(next, 0);
            } else {
                vr = new String(next, 0, 2, StandardCharsets.US_ASCII);
                vl = TransferSyntaxes.EXPLICIT_BE.equals(ts) ? bigEndian32(next, 4) : littleEndian32(next, 4);
            }
            return new DicomHeader(file, fileLength, list, ts, true, valueOffset, vl, parsed, vr);
        } catch (IOException | DicomException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(file + ": cannot parse the DICOM header: " + e.getMessage(), e);
        }
    }

    /**
     * The 8 bytes after the Pixel Data tag of a deflated file (empty when the data set ends without one). PixelMed's
     * inflater reads ahead of where its parser stopped, so the bytes left in its stream are neither inflated nor in
     * place (a small deflated file looked as if it had no Pixel Data): the data set is inflated again here, after the
     * meta header whose length (0002,0000) gives.
     */
    private static byte[] afterInflatedPixelDataTag(Path file) throws IOException, DicomException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            byte[] start = raw.readNBytes(144); // preamble, DICM, (0002,0000) UL 4
            if (start.length < 144 || start[132] != 2 || start[133] != 0 || start[134] != 0 || start[135] != 0) {
                throw new InvalidInputException(file + ": deflated file without a File Meta Information Group Length"
                        + " (0002,0000)");
            }
            raw.skipNBytes(littleEndian32(start, 140));
            try (DicomInputStream dis = new DicomInputStream(new InflaterInputStream(raw, new Inflater(true)),
                    TransferSyntax.ExplicitVRLittleEndian, false)) {
                new AttributeList().read(dis, TagFromName.PixelData);
                return dis.readNBytes(8);
            }
        }
    }

    private static long littleEndian32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    private static long bigEndian32(byte[] b, int at) {
        return (b[at + 3] & 0xffL) | (b[at + 2] & 0xffL) << 8 | (b[at + 1] & 0xffL) << 16 | (b[at] & 0xffL) << 24;
    }
}
