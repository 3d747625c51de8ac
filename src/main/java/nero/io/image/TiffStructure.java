package nero.io.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nero.core.InvalidInputException;

/**
 * The page layout of a TIFF file, read from its directory chain (IFDs) without decoding any pixels: each page's size
 * and the first page's sample layout and compression. The chain is walked here, with a bound, because ImageIO and
 * ImageJ both follow an IFD that points back to an earlier one for ever; such a file is refused.
 * Classic TIFF and BigTIFF are read.
 */
public record TiffStructure(List<Page> pages, int compression, int photometric, int samplesPerPixel, int bitsPerSample,
        int predictor, int sampleFormat) {

    /** One page (IFD): its size in pixels. */
    record Page(long width, long height) {
        long pixels() {
            return width * height;
        }
    }

    static final int COMPRESSION_NONE = 1;
    static final int COMPRESSION_OLD_JPEG = 6;
    static final int COMPRESSION_JPEG = 7;
    static final int PHOTOMETRIC_PALETTE = 3;
    static final int PHOTOMETRIC_CMYK = 5;
    static final int PHOTOMETRIC_YCBCR = 6;

    /** More pages than any microscope stack we expect; a chain longer than this is refused, not walked for ever. */
    static final int MAX_PAGES = 100_000;

    long totalPixels() {
        long sum = 0;
        for (Page p : pages) {
            sum += p.pixels();
        }
        return sum;
    }

    /**
     * Whether ImageJ 1's TIFF decoder gives the same pixels as Pillow for the first page. It does not decode JPEG
     * compression (it returns noise without an error), converts CMYK and YCbCr its own way, and stretches 16-bit RGB
     * per channel; ImageIO decodes those right.
     */
    boolean imageJDecodesRight() {
        boolean jpeg = compression == COMPRESSION_JPEG || compression == COMPRESSION_OLD_JPEG;
        boolean colourSpace = photometric == PHOTOMETRIC_CMYK || photometric == PHOTOMETRIC_YCBCR;
        boolean deepColour = samplesPerPixel >= 3 && bitsPerSample > 8;
        return !jpeg && !colourSpace && !deepColour;
    }

    /** The first page's layout in words, for messages. */
    String describe() {
        return samplesPerPixel + " × " + bitsPerSample + "-bit samples, photometric " + photometric + ", compression "
                + compression + (predictor > 1 ? ", predictor " + predictor : "");
    }

    public static TiffStructure read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Walker(file, ch).walk();
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read the TIFF directory: " + e.getMessage(), e);
        }
    }

    private static final class Walker {
        private final Path file;
        private final FileChannel ch;
        private final long size;
        private ByteOrder order;
        private boolean big;

        Walker(Path file, FileChannel ch) throws IOException {
            this.file = file;
            this.ch = ch;
            this.size = ch.size();
        }

        TiffStructure walk() throws IOException {
            ByteBuffer head = read(0, 16);
            order = head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            head.order(order);
            int magic = head.getShort(2) & 0xffff;
            big = magic == 43;
            if (magic != 42 && !big) {
                throw corrupt("not a TIFF header (version " + magic + ")");
            }
            long ifd = big ? head.getLong(8) : head.getInt(4) & 0xffffffffL;
            List<Page> pages = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            int[] first = null;
            while (ifd != 0) {
                if (!seen.add(ifd)) {
                    throw corrupt("its page directory chain loops back to an earlier page (offset " + ifd + ")");
                }
                if (pages.size() >= MAX_PAGES) {
                    throw new InvalidInputException(file + ": more than " + MAX_PAGES + " pages; not read");
                }
                Directory d;
                try {
                    d = directory(ifd);
                } catch (InvalidInputException e) {
                    if (first == null) {
                        throw e;
                    }
                    break; // a damaged pointer after the first page ends the chain, as readers treat it
                }
                pages.add(new Page(d.tag(256, 0), d.tag(257, 0)));
                if (first == null) {
                    first = new int[] {(int) d.tag(259, COMPRESSION_NONE), (int) d.tag(262, -1), (int) d.tag(277, 1),
                            (int) d.tag(258, 1), (int) d.tag(317, 1), (int) d.tag(339, 1)};
                }
                ifd = d.next;
            }
            if (first == null) {
                throw corrupt("no pages");
            }
            return new TiffStructure(List.copyOf(pages), first[0], first[1], first[2], first[3], first[4], first[5]);
        }

        /** The numeric tags of one IFD that the layout needs (first value of each), and the next IFD's offset. */
        private Directory directory(long at) throws IOException {
            int countSize = big ? 8 : 2;
            int entrySize = big ? 20 : 12;
            int offsetSize = big ? 8 : 4;
            ByteBuffer c = read(at, countSize);
            long count = big ? c.getLong(0) : c.getShort(0) & 0xffff;
            if (count <= 0 || count > 4096) {
                throw corrupt("a page directory at offset " + at + " declares " + count + " entries");
            }
            ByteBuffer entries = read(at + countSize, (int) count * entrySize + offsetSize);
            Directory d = new Directory();
            for (int i = 0; i < count; i++) {
                int e = i * entrySize;
                int tag = entries.getShort(e) & 0xffff;
                int type = entries.getShort(e + 2) & 0xffff;
                long n = big ? entries.getLong(e + 4) : entries.getInt(e + 4) & 0xffffffffL;
                int valueAt = e + (big ? 12 : 8);
                int inline = big ? 8 : 4;
                int width = typeSize(type);
                if (width == 0 || n == 0) {
                    continue;
                }
                ByteBuffer value = entries;
                int pos = valueAt;
                if (n * width > inline) {
                    long offset = big ? entries.getLong(valueAt) : entries.getInt(valueAt) & 0xffffffffL;
                    value = read(offset, width);
                    pos = 0;
                }
                long v = switch (width) {
                    case 1 -> value.get(pos) & 0xff;
                    case 2 -> value.getShort(pos) & 0xffff;
                    case 4 -> value.getInt(pos) & 0xffffffffL;
                    default -> value.getLong(pos);
                };
                d.values.put(tag, v);
            }
            int nextAt = (int) count * entrySize;
            d.next = big ? entries.getLong(nextAt) : entries.getInt(nextAt) & 0xffffffffL;
            return d;
        }

        private static int typeSize(int type) {
            return switch (type) {
                case 1, 6, 7 -> 1; // BYTE, SBYTE, UNDEFINED
                case 3, 8 -> 2; // SHORT, SSHORT
                case 4, 9, 13 -> 4; // LONG, SLONG, IFD
                case 16, 17, 18 -> 8; // LONG8, SLONG8, IFD8 (BigTIFF)
                default -> 0; // ASCII, RATIONAL, FLOAT…: not needed for the layout
            };
        }

        private ByteBuffer read(long at, int length) throws IOException {
            if (at < 0 || at + length > size) {
                throw corrupt("truncated: a page directory points past the end of the file (offset " + at + ")");
            }
            ByteBuffer b = ByteBuffer.allocate(length).order(order == null ? ByteOrder.BIG_ENDIAN : order);
            while (b.hasRemaining()) {
                if (ch.read(b, at + b.position()) < 0) {
                    throw corrupt("truncated");
                }
            }
            return b.flip();
        }

        private InvalidInputException corrupt(String what) {
            return new InvalidInputException(file + ": corrupt TIFF: " + what);
        }
    }

    private static final class Directory {
        final java.util.Map<Integer, Long> values = new java.util.HashMap<>();
        long next;

        long tag(int tag, long missing) {
            return values.getOrDefault(tag, missing);
        }
    }
}
