package nero.io.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether a PNG or GIF whose decoding failed ends inside one of its chunks or blocks: then the file was cut short
 * (a copy or download that stopped), and the message says so instead of quoting the decoder ("Invalid chunk length",
 * "Invalid block length for LZW encoded image data"). Walks the chunk or block lengths only; reads no pixels.
 */
final class CutShort {
    private static final long PNG_SIGNATURE = 8;
    private static final int GIF_HEADER = 13;

    private CutShort() {
    }

    static boolean png(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long at = PNG_SIGNATURE;
            while (at + 8 <= size) {
                ByteBuffer head = read(ch, at, 8);
                long length = head.getInt(0) & 0xffffffffL;
                boolean end = head.get(4) == 'I' && head.get(5) == 'E' && head.get(6) == 'N' && head.get(7) == 'D';
                long next = at + 12 + length;
                if (next > size) {
                    return true;
                }
                if (end) {
                    return false;
                }
                at = next;
            }
            return true; // no IEND: the last chunk header itself is missing
        } catch (IOException e) {
            return false;
        }
    }

    static boolean gif(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < GIF_HEADER) {
                return true;
            }
            int flags = read(ch, 10, 1).get(0) & 0xff;
            long at = GIF_HEADER + ((flags & 0x80) != 0 ? 3L << ((flags & 7) + 1) : 0);
            while (at < size) {
                int kind = read(ch, at, 1).get(0) & 0xff;
                if (kind == 0x3B) {
                    return false; // trailer
                }
                if (kind == 0x21) {
                    at = subBlocks(ch, at + 2, size);
                } else if (kind == 0x2C) {
                    if (at + 10 > size) {
                        return true;
                    }
                    int local = read(ch, at + 9, 1).get(0) & 0xff;
                    at += 10 + ((local & 0x80) != 0 ? 3L << ((local & 7) + 1) : 0);
                    at = subBlocks(ch, at + 1, size); // after the LZW minimum code size
                } else {
                    return false; // not a block: damaged rather than cut
                }
                if (at < 0) {
                    return true;
                }
            }
            return true; // no trailer
        } catch (IOException e) {
            return false;
        }
    }

    /** The position after a chain of data sub-blocks starting at {@code at}, or -1 when the file ends inside it. */
    private static long subBlocks(FileChannel ch, long at, long size) throws IOException {
        while (at < size) {
            int length = read(ch, at, 1).get(0) & 0xff;
            at += 1 + length;
            if (length == 0) {
                return at;
            }
        }
        return -1;
    }

    private static ByteBuffer read(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new IOException("end of file");
            }
        }
        return b.flip();
    }
}
