package nero.io.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.EncapsulatedInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nero.core.InvalidInputException;

/**
 * Copies the video stream (an MP4, MPEG-TS or MPEG-PS file) out of a DICOM Video object's encapsulated Pixel Data
 * into a temporary file, streaming. PixelMed's normal reader drops MPEG pixel data, so the fragments are read with
 * its {@link EncapsulatedInputStream} directly (no EOI detection: video bytes may contain FF D9).
 */
final class DicomVideoExtractor {
    private DicomVideoExtractor() {
    }

    static Path extract(Path dicom, DicomHeader header) {
        Path tmp = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dicom));
                DicomInputStream dis = new DicomInputStream(in)) {
            new AttributeList().read(dis, TagFromName.PixelData);
            byte[] vrvl = dis.readNBytes(8);
            boolean ob = vrvl.length == 8 && vrvl[0] == 'O' && vrvl[1] == 'B';
            boolean undefined = vrvl.length == 8 && (vrvl[4] & vrvl[5] & vrvl[6] & vrvl[7] & 0xff) == 0xff;
            if (!ob || !undefined) {
                throw new InvalidInputException(dicom + ": video transfer syntax " + TransferSyntaxes.describe(
                        header.transferSyntax) + " but Pixel Data is not encapsulated OB of undefined length");
            }
            tmp = Files.createTempFile("nero-dicom-video-", ".bin");
            tmp.toFile().deleteOnExit(); // in case a caller never closes the source
            EncapsulatedInputStream eis = new EncapsulatedInputStream(dis, false, false);
            long copied;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                copied = eis.transferTo(out);
            }
            if (copied == 0) {
                throw new InvalidInputException(dicom + ": the encapsulated video stream is empty");
            }
            Path result = tmp;
            tmp = null;
            return result;
        } catch (IOException | DicomException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(dicom + ": cannot extract the encapsulated video stream (truncated or corrupt): "
                    + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }
}
