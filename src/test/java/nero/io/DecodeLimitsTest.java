package nero.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.core.InvalidInputException;
import nero.io.image.PlainImageReader;
import nero.io.image.TiffStructure;
import nero.io.source.ImageSources;
import nero.io.video.Ffmpeg;
import nero.io.video.FrameSampling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small files that would make a decoder loop for ever or allocate gigabytes are refused, or read within bounds,
 * from their headers, before any pixel is decoded.
 */
class DecodeLimitsTest {
    @TempDir
    Path dir;

    @Test
    void aTiffWhosePageChainLoopsIsRefusedInsteadOfHanging() throws Exception {
        // ImageIO's and ImageJ's TIFF readers both follow this chain for ever
        Path file = Files.write(dir.resolve("loop.tif"), tiff(List.of(new int[] {16, 16}), true));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PlainImageReader.read(file));
        assertEquals(file + ": corrupt TIFF: its page directory chain loops back to an earlier page (offset 8)",
                e.getMessage());
    }

    @Test
    void aMultiPageTiffTooLargeInAllIsReadFromItsFirstPageOnly() throws Exception {
        // page 2 declares 20000×20000 pixels (1.2 GB as ImageJ RGB) in a file of a few hundred bytes
        Path huge = Files.write(dir.resolve("pages.tif"), tiff(List.of(new int[] {16, 12}, new int[] {20000, 20000}), false));
        ImagePlus imp = PlainImageReader.read(huge);
        assertEquals(1, imp.getStackSize());
        assertEquals(16, imp.getWidth());
        assertEquals(12, imp.getHeight());
        // small stacks are read whole, as before (a 3-channel ImageJ composite stays RGB)
        Path small = Files.write(dir.resolve("small.tif"), tiff(List.of(new int[] {16, 12}, new int[] {16, 12},
                new int[] {16, 12}), false));
        assertEquals(3, PlainImageReader.read(small).getStackSize());
    }

    @Test
    void aDamagedPointerAfterTheFirstPageEndsThePageChain() throws Exception {
        byte[] b = tiff(List.of(new int[] {16, 12}), false);
        int nextPointer = 8 + 2 + 9 * 12;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(nextPointer, 1 << 30); // far past the end
        Path file = Files.write(dir.resolve("dangling.tif"), b);
        assertEquals(1, TiffStructure.read(file).pages().size());
        assertEquals(16, PlainImageReader.read(file).getWidth());
    }

    @Test
    void aHugeFirstPageIsRefusedFromTheHeader() throws Exception {
        Path file = Files.write(dir.resolve("huge.tif"), tiff(List.of(new int[] {20000, 20000}), false));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PlainImageReader.read(file));
        assertEquals(file + ": image size 20000x20000 is too large (at most 100000000 pixels)", e.getMessage());
    }

    @Test
    void aGifWithAHugeLogicalScreenIsRefused() throws Exception {
        Path gif = dir.resolve("screen.gif");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(16, 16,
                java.awt.image.BufferedImage.TYPE_BYTE_INDEXED), "gif", gif.toFile());
        byte[] b = Files.readAllBytes(gif);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(6, (short) 65535).putShort(8, (short) 65535);
        Files.write(gif, b);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PlainImageReader.read(gif));
        assertEquals(gif + ": GIF logical screen size 65535x65535 is too large (at most 100000000 pixels)",
                e.getMessage());
    }

    @Test
    void aVideoWithFramesAboveTheLimitIsRefusedBeforeDecoding() throws Exception {
        Ffmpeg.require("libx264");
        Path mp4 = Ffmpeg.write(dir.resolve("big.mp4"), "4352x2448", 2, "-c:v", "libx264", "-pix_fmt", "yuv420p");
        List<String> errors = new ArrayList<>();
        try (ImageSource source = ImageSources.open(mp4, FrameSampling.every(1))) {
            for (SourceItem item : source) {
                errors.add(assertThrows(InvalidInputException.class, item::read).getMessage());
            }
        }
        assertEquals(List.of(mp4 + ": video frame size 4352x2448 is too large (at most 9437184 pixels)"), errors);
    }

    @Test
    void limitsNameTheSourceAndTheSize() {
        PixelLimits.checkImage("a.png", "image", 10_000, 10_000);
        assertTrue(assertThrows(InvalidInputException.class, () -> PixelLimits.checkImage("a.png", "image", 10_001, 10_000))
                .getMessage().startsWith("a.png: image size 10001x10000 is too large"));
        assertTrue(assertThrows(InvalidInputException.class, () -> PixelLimits.checkImage("a.png", "image", 0, 5))
                .getMessage().contains("empty"));
        assertThrows(InvalidInputException.class, () -> PixelLimits.checkVideoFrame("v.mp4", 8192, 4320));
        PixelLimits.checkVideoFrame("v.mp4", 4096, 2160);
    }

    /**
     * A little-endian, uncompressed 8-bit grey TIFF with one page per size. Each page has 16×12 bytes of data
     * of its own (all of a 16×12 page; a larger page would read past the end of the file). With
     * {@code loop}, the last page's next-directory offset points back at the first page.
     */
    static byte[] tiff(List<int[]> sizes, boolean loop) {
        int entries = 9;
        int ifdSize = 2 + entries * 12 + 4;
        int dataAt = 8 + sizes.size() * ifdSize;
        int dataLength = 16 * 12;
        ByteBuffer b = ByteBuffer.allocate(dataAt + sizes.size() * dataLength).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        for (int p = 0; p < sizes.size(); p++) {
            int w = sizes.get(p)[0];
            int h = sizes.get(p)[1];
            b.putShort((short) entries);
            entry(b, 256, 4, w);
            entry(b, 257, 4, h);
            entry(b, 258, 3, 8);
            entry(b, 259, 3, 1);
            entry(b, 262, 3, 1);
            entry(b, 273, 4, dataAt + p * dataLength);
            entry(b, 277, 3, 1);
            entry(b, 278, 4, h);
            entry(b, 279, 4, Math.min(dataLength, w * h));
            boolean last = p == sizes.size() - 1;
            b.putInt(last ? (loop ? 8 : 0) : 8 + (p + 1) * ifdSize);
        }
        for (int i = 0; i < sizes.size() * dataLength; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
