package nero.io.dicom;

import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import nero.core.InvalidInputException;

/**
 * Native 8-bit frames stored in Pixel Data of VR OW whose length in bytes is odd (odd Rows × Columns × Samples),
 * read straight from the file. PixelMed 20220618 splits such OW data into frames at word boundaries: each frame
 * loses its last sample and every later frame is shifted by one (checked against pydicom with pydicom's
 * SC_rgb_small_odd.dcm and generated 3 × 3 objects). OW words are little-endian, or big-endian in Explicit VR Big
 * Endian (PS3.5 §8.2: each 16-bit word byte-swapped), so there sample i lies at byte i XOR 1.
 *
 * @param valueOffset where the Pixel Data value starts in {@code file}
 */
record OddWordFrames(Path file, long valueOffset, boolean bigEndian, DicomImageInfo info) {
    /** A reader for the object when PixelMed would misread it, else null. */
    static OddWordFrames ifNeeded(DicomHeader h, DicomImageInfo info) {
        boolean needed = "OW".equals(h.pixelDataVr) && h.pixelValueOffset >= 0 && info.bitsAllocated() == 8
                && TransferSyntaxes.isNative(info.transferSyntax()) && info.frameBytes() % 2 == 1;
        return needed ? new OddWordFrames(h.file, h.pixelValueOffset,
                TransferSyntaxes.EXPLICIT_BE.equals(info.transferSyntax()), info) : null;
    }

    /** The samples of a frame (1-based) as a raster, colour-by-pixel for three samples. */
    Raster raster(int frameNumber) {
        int n = (int) info.frameBytes();
        long first = (frameNumber - 1L) * n;
        byte[] stored = new byte[n + 2];
        long from = valueOffset + first - 1;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(valueOffset, from);
            in.seek(start);
            in.readFully(stored, (int) (start - from), (int) Math.min(stored.length - (start - from),
                    in.length() - start));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read frame " + frameNumber + ": " + e.getMessage(), e);
        }
        byte[] samples = new byte[n];
        for (int j = 0; j < n; j++) {
            long g = first + j;
            long at = bigEndian ? g ^ 1 : g;
            samples[j] = stored[(int) (at - first + 1)];
        }
        int w = info.columns();
        int h = info.rows();
        int spp = info.samplesPerPixel();
        if (spp == 3 && info.planarConfiguration() == 1) {
            samples = interleave(samples, w * h);
        }
        int[] offsets = spp == 3 ? new int[] {0, 1, 2} : new int[] {0};
        return Raster.createInterleavedRaster(new DataBufferByte(samples, n), w, h, w * spp, spp, offsets, null);
    }

    private static byte[] interleave(byte[] planes, int pixels) {
        byte[] out = new byte[planes.length];
        for (int i = 0; i < pixels; i++) {
            for (int c = 0; c < 3; c++) {
                out[3 * i + c] = planes[c * pixels + i];
            }
        }
        return out;
    }
}
