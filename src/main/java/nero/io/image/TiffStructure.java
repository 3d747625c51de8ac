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
 * The page layout of a TIFF file, read from its directory chain (IFDs) without decoding any pixels: each page's size,
 * orientation and where its pixel data ends, and the first page's sample layout,
 * compression and ImageJ description. The chain is walked here, with a bound, because ImageIO and ImageJ both follow
 * an IFD that points back to an earlier one for ever; such a file is refused. Classic TIFF and BigTIFF are read.
 */
public record TiffStructure(List<Page> pages, int compression, int photometric, int samplesPerPixel, int bitsPerSample,
        int predictor, int sampleFormat, int planarConfiguration, boolean tiled, String description) {

    /**
     * One page (IFD): its size in pixels, Orientation tag (1 when absent), the end of its last strip or tile (0 when
     * the file does not say) and its ColorMap (16-bit red, then green, then blue entries; null when it has none).
     */
    record Page(long width, long height, int orientation, long dataEnd, long[] colourMap) {
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

    private static final int TYPE_ASCII = 2;
    private static final int TAG_DESCRIPTION = 270;
    private static final int MAX_DESCRIPTION = 4096;
    /**
     * StripOffsets, StripByteCounts, TileOffsets, TileByteCounts (read whole to see where the pixel data ends) and
     * ColorMap.
     */
    private static final int TAG_COLOUR_MAP = 320;
    private static final Set<Integer> CHUNK_TAGS = Set.of(273, 279, 324, 325, TAG_COLOUR_MAP);
    private static final int MAX_CHUNKS = 1 << 22;

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
     * Refuses a file cut short: the first page's strips or tiles end past the end of the file. ImageJ read such a file
     * as if whole (the missing rows black) and could hang in a cut Deflate strip; Pillow refuses it too.
     */
    void checkComplete(Path file, long fileSize) {
        Page first = pages.get(0);
        if (first.dataEnd() > fileSize) {
            throw new InvalidInputException(file + ": truncated TIFF: the pixel data of "
                    + (pages.size() == 1 ? "the image" : "page 1") + " ends at byte " + first.dataEnd() + ", but the file has " + fileSize
                    + " bytes; copy or download the file again");
        }
    }

    /** Whether every page's pixel data lies within a file of {@code fileSize} bytes. */
    boolean allPagesComplete(long fileSize) {
        for (Page p : pages) {
            if (p.dataEnd() > fileSize) {
                return false;
            }
        }
        return true;
    }

    /**
     * Grey deeper than 8 bits with the horizontal predictor in plain strips, which the JDK's TIFF reader refuses
     * ("16-bit samples are not supported for Horizontal differencing Predictor") and ImageJ decodes right.
     */
    boolean deepGreyWithPredictor() {
        return samplesPerPixel == 1 && bitsPerSample > 8 && predictor == 2 && planarConfiguration == 1 && !tiled;
    }

    /** An ImageJ hyperstack of three channels (and nothing else), which ImageJ shows, and we read, as one RGB image. */
    boolean imageJThreeChannels() {
        if (description == null || !description.startsWith("ImageJ=") || pages.size() != 3) {
            return false;
        }
        return description.lines().anyMatch(l -> l.trim().equals("channels=3"));
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
            String description = null;
            while (ifd != 0) {
                if (!seen.add(ifd)) {
                    throw corrupt("its page directory chain loops back to an earlier page (offset " + ifd + ")");
                }
                if (pages.size() >= MAX_PAGES) {
                    throw new InvalidInputException(file + ": more than " + MAX_PAGES + " pages; not read");
                }
                Directory d;
                try {
                    d = directory(ifd, pages.size());
                } catch (InvalidInputException e) {
                    if (first == null) {
                        throw e;
                    }
                    break; // a damaged pointer after the first page ends the chain, as readers treat it
                }
                pages.add(new Page(d.tag(256, 0), d.tag(257, 0), (int) d.tag(274, 1), d.dataEnd(),
                        d.chunks.get(TAG_COLOUR_MAP)));
                if (first == null) {
                    first = new int[] {(int) d.tag(259, COMPRESSION_NONE), (int) d.tag(262, -1), (int) d.tag(277, 1),
                            (int) d.tag(258, 1), (int) d.tag(317, 1), (int) d.tag(339, 1), (int) d.tag(284, 1),
                            d.values.containsKey(322) ? 1 : 0};
                    description = d.description;
                }
                ifd = d.next;
            }
            if (first == null) {
                throw corrupt("no pages");
            }
            return new TiffStructure(List.copyOf(pages), first[0], first[1], first[2], first[3], first[4], first[5],
                    first[6], first[7] == 1, description);
        }

        /** The numeric tags of one IFD that the layout needs (first value of each), and the next IFD's offset. */
        private Directory directory(long at, int pages) throws IOException {
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
                boolean ascii = type == TYPE_ASCII && tag == TAG_DESCRIPTION && pages == 0;
                if ((width == 0 && !ascii) || n == 0) {
                    continue;
                }
                if (ascii) {
                    width = 1;
                }
                ByteBuffer value = entries;
                int pos = valueAt;
                boolean chunkTable = CHUNK_TAGS.contains(tag) && n <= MAX_CHUNKS;
                if (n * width > inline) {
                    long offset = big ? entries.getLong(valueAt) : entries.getInt(valueAt) & 0xffffffffL;
                    long length = ascii ? Math.min(n, MAX_DESCRIPTION) : chunkTable ? n * width : width;
                    value = read(offset, (int) length);
                    pos = 0;
                }
                if (ascii) {
                    byte[] text = new byte[(int) Math.min(n, MAX_DESCRIPTION)];
                    value.get(pos, text);
                    d.description = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
                    continue;
                }
                if (chunkTable) {
                    long[] all = new long[(int) n];
                    for (int k = 0; k < n; k++) {
                        all[k] = valueOf(value, pos + k * width, width);
                    }
                    d.chunks.put(tag, all);
                }
                d.values.put(tag, valueOf(value, pos, width));
            }
            int nextAt = (int) count * entrySize;
            d.next = big ? entries.getLong(nextAt) : entries.getInt(nextAt) & 0xffffffffL;
            return d;
        }

        private static long valueOf(ByteBuffer value, int pos, int width) {
            return switch (width) {
                case 1 -> value.get(pos) & 0xff;
                case 2 -> value.getShort(pos) & 0xffff;
                case 4 -> value.getInt(pos) & 0xffffffffL;
                default -> value.getLong(pos);
            };
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
        final java.util.Map<Integer, long[]> chunks = new java.util.HashMap<>();
        String description;
        long next;

        /** The end of the last strip or tile (offset + byte count), or 0 when the tables are missing or unequal. */
        long dataEnd() {
            long[] offsets = chunks.getOrDefault(273, chunks.get(324));
            long[] counts = chunks.getOrDefault(279, chunks.get(325));
            if (offsets == null || counts == null || offsets.length != counts.length) {
                return 0;
            }
            long end = 0;
            for (int i = 0; i < offsets.length; i++) {
                end = Math.max(end, offsets[i] + counts[i]);
            }
            return end;
        }

        long tag(int tag, long missing) {
            return values.getOrDefault(tag, missing);
        }
    }
}
