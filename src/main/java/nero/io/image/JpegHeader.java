package nero.io.image;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a JPEG's marker segments before its first scan say, read without decoding: why Java's JPEG decoder (IJG
 * libjpeg 6b inside the JDK, 8-bit Huffman coding only) cannot read it (arithmetic, lossless or hierarchical coding,
 * a precision other than 8 bits; ImageIO itself only says "Inconsistent metadata read from stream" or "Unsupported
 * JPEG process"), and whether it embeds an ICC profile, which Java's reader would apply and Pillow's
 * {@code convert("RGB")} does not.
 */
final class JpegHeader {
    private static final byte[] ICC_SIGNATURE = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    private static final int APP2 = 0xE2;
    private static final int SOS = 0xDA;

    private JpegHeader() {
    }

    /** The reason in words, ready for a message, or null when the frame header shows nothing unsupported. */
    static String unsupportedCoding(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long at = first(ch); at >= 0; at = next(ch, at)) {
                int marker = read(ch, at + 1, 1)[0] & 0xff;
                if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                    return describe(marker, read(ch, at + 4, 1)[0] & 0xff, file.getFileName().toString());
                }
                if (marker == SOS) {
                    return null;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Whether an APP2 ICC_PROFILE segment comes before the first scan; reads the segment headers only. */
    static boolean hasIccProfile(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long at = first(ch); at >= 0; at = next(ch, at)) {
                int marker = read(ch, at + 1, 1)[0] & 0xff;
                if (marker == APP2 && isIcc(read(ch, at, 4 + ICC_SIGNATURE.length), 0)) {
                    return true;
                }
                if (marker == SOS) {
                    return false;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The first segment after the start-of-image marker, or -1 when the file is not a JPEG. */
    private static long first(FileChannel ch) throws IOException {
        byte[] soi = read(ch, 0, 2);
        return (soi[0] & 0xff) == 0xFF && (soi[1] & 0xff) == 0xD8 ? 2 : -1;
    }

    /** The segment after the one at {@code at} (fill bytes skipped), or -1 on bytes that are no marker. */
    private static long next(FileChannel ch, long at) throws IOException {
        byte[] head = read(ch, at, 4);
        if ((head[0] & 0xff) != 0xFF) {
            return -1;
        }
        if ((head[1] & 0xff) == 0xFF) {
            return at + 1;
        }
        int length = (head[2] & 0xff) << 8 | (head[3] & 0xff);
        return length < 2 ? -1 : at + 2 + length;
    }

    private static byte[] read(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new EOFException();
            }
        }
        return b.array();
    }

    /** The same JPEG without its ICC_PROFILE segments, every other byte as it was. */
    static byte[] withoutIccProfile(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        out.write(jpeg, 0, 2);
        int i = 2;
        while (i >= 0 && i + 4 <= jpeg.length) {
            int marker = jpeg[i + 1] & 0xff;
            if (marker == SOS) {
                break;
            }
            int n = nextInArray(jpeg, i);
            if (n < 0) {
                break;
            }
            if (!(marker == APP2 && isIcc(jpeg, i))) {
                out.write(jpeg, i, n - i);
            }
            i = n;
        }
        out.write(jpeg, i, jpeg.length - i);
        return out.toByteArray();
    }

    /** The start of the segment after the one at {@code i}, or -1 when the bytes there are not a marker segment. */
    private static int nextInArray(byte[] b, int i) {
        if ((b[i] & 0xff) != 0xFF) {
            return -1;
        }
        int marker = b[i + 1] & 0xff;
        if (marker == 0xFF) {
            return i + 1; // fill byte
        }
        int length = (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
        return length < 2 ? -1 : i + 2 + length;
    }

    private static boolean isIcc(byte[] b, int i) {
        if (i + 4 + ICC_SIGNATURE.length > b.length) {
            return false;
        }
        for (int k = 0; k < ICC_SIGNATURE.length; k++) {
            if (b[i + 4 + k] != ICC_SIGNATURE[k]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(int sof, int precision, String name) {
        String n = "SOF" + (sof - 0xC0);
        String how = "; 'jpegtran -outfile copy.jpg " + name + "' rewrites it losslessly with Huffman coding, which is "
                + "read";
        return switch (sof) {
            case 0xC9, 0xCA -> "arithmetic-coded JPEG (" + n + "): this JPEG coding is not supported" + how;
            case 0xCB, 0xCD, 0xCE, 0xCF -> "arithmetic-coded " + (sof == 0xCB ? "lossless" : "hierarchical")
                    + " JPEG (" + n + "): this JPEG coding is not supported";
            case 0xC3 -> "lossless JPEG (" + n + "): this JPEG coding is not supported (Pillow does not read it "
                    + "either)";
            case 0xC5, 0xC6, 0xC7 -> "hierarchical JPEG (" + n + "): this JPEG coding is not supported";
            default -> precision != 8 ? precision + "-bit JPEG (" + n + "): only 8-bit JPEGs are supported (Pillow "
                    + "reads only 8-bit JPEGs too)" : null;
        };
    }
}
