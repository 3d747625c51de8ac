package nero.io.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.TagFromName;
import java.util.Arrays;

/**
 * The Red, Green and Blue Palette Color Lookup Tables of a PALETTE COLOR object (PS3.3 C.7.6.3.1.5 and C.7.9), as
 * 8-bit RGB: a stored value below the first value mapped takes the first entry, one beyond the table the last
 * (PS3.3 C.7.6.3.1.5). Entries of 16 bits become 8 by their high byte (the rule for 16-bit RGB images); tables whose
 * descriptor says 8 bits but that are written one entry per 16-bit word are read by the low byte when every entry
 * fits in 8 bits. Segmented tables (C.7.9.2: discrete, linear and indirect segments) are expanded; a linear segment
 * is rounded as pydicom's {@code apply_color_lut} rounds it (half to even). The Alpha table, if any, is ignored.
 */
final class PaletteTable {
    private static final AttributeTag[] DESCRIPTORS = {TagFromName.RedPaletteColorLookupTableDescriptor,
        TagFromName.GreenPaletteColorLookupTableDescriptor, TagFromName.BluePaletteColorLookupTableDescriptor};
    private static final AttributeTag[] DATA = {TagFromName.RedPaletteColorLookupTableData,
        TagFromName.GreenPaletteColorLookupTableData, TagFromName.BluePaletteColorLookupTableData};
    private static final AttributeTag[] SEGMENTED = {new AttributeTag(0x0028, 0x1221), new AttributeTag(0x0028, 0x1222),
        new AttributeTag(0x0028, 0x1223)};
    private static final String[] NAMES = {"Red", "Green", "Blue"};
    /** Nesting of indirect segments followed before a table is called looping. */
    private static final int MAX_INDIRECTION = 8;

    private final int firstMapped;
    private final int[] rgb;

    private PaletteTable(int firstMapped, int[] rgb) {
        this.firstMapped = firstMapped;
        this.rgb = rgb;
    }

    /** Packed 0xRRGGBB for a stored pixel value (already sign-extended when Pixel Representation is 1). */
    int rgb(int stored) {
        int i = stored - firstMapped;
        return rgb[i < 0 ? 0 : i >= rgb.length ? rgb.length - 1 : i];
    }

    int entries() {
        return rgb.length;
    }

    /** Reads and checks the three tables; an IllegalArgumentException says what is wrong with them. */
    static PaletteTable of(AttributeList a, boolean signed) {
        int[][] channels = new int[3][];
        int entries = -1;
        int first = 0;
        for (int c = 0; c < 3; c++) {
            int[] d = Attribute.getIntegerValues(a, DESCRIPTORS[c]);
            if (d == null || d.length != 3) {
                throw new IllegalArgumentException(NAMES[c] + " Palette Color Lookup Table Descriptor (0028,110"
                        + (c + 1) + ") is missing or has not 3 values");
            }
            int n = d[0] == 0 ? 65536 : d[0] & 0xffff;
            int firstValue = signed && d[1] > 32767 ? d[1] - 65536 : d[1];
            int bits = d[2];
            if (bits != 8 && bits != 16) {
                throw new IllegalArgumentException(NAMES[c] + " Palette Color Lookup Table Descriptor says " + bits
                        + " bits per entry (only 8 or 16)");
            }
            if (c > 0 && (n != entries || firstValue != first)) {
                throw new IllegalArgumentException("the Red, Green and Blue Palette Color Lookup Table Descriptors"
                        + " differ in entries or first value mapped");
            }
            entries = n;
            first = firstValue;
            channels[c] = channel(a, c, n, bits);
        }
        int[] rgb = new int[entries];
        for (int i = 0; i < entries; i++) {
            rgb[i] = channels[0][i] << 16 | channels[1][i] << 8 | channels[2][i];
        }
        return new PaletteTable(first, rgb);
    }

    /** One table as 8-bit values. */
    private static int[] channel(AttributeList a, int c, int entries, int bits) {
        byte[] plain = littleEndianBytes(a.get(DATA[c]));
        int[] values;
        int width;
        if (plain != null) {
            if (plain.length == 2 * entries) {
                width = 16;
            } else if (plain.length == entries || plain.length == entries + 1) {
                width = 8;
            } else {
                throw new IllegalArgumentException(NAMES[c] + " Palette Color Lookup Table Data holds " + plain.length
                        + " bytes, not " + entries + " entries of " + bits + " bits");
            }
            values = entries(plain, width, entries);
        } else {
            byte[] segmented = littleEndianBytes(a.get(SEGMENTED[c]));
            if (segmented == null) {
                throw new IllegalArgumentException("neither " + NAMES[c] + " Palette Color Lookup Table Data (0028,120"
                        + (c + 1) + ") nor its segmented form (0028,122" + (c + 1) + ") is present");
            }
            width = bits;
            int[] words = entries(segmented, width, segmented.length / (width / 8));
            values = expandSegments(words, entries, bits, NAMES[c]);
        }
        boolean fitsInEightBits = Arrays.stream(values).allMatch(v -> v <= 255);
        boolean highByte = width == 16 && (bits == 16 || !fitsInEightBits);
        int[] out = new int[entries];
        for (int i = 0; i < entries; i++) {
            out[i] = highByte ? values[i] >> 8 : values[i] & 0xff;
        }
        return out;
    }

    private static int[] entries(byte[] b, int width, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = width == 8 ? b[i] & 0xff : (b[2 * i] & 0xff) | (b[2 * i + 1] & 0xff) << 8;
        }
        return v;
    }

    /** The value bytes of an OB/OW/UN attribute, 16-bit words as little-endian pairs; null when absent or empty. */
    private static byte[] littleEndianBytes(Attribute at) {
        if (at == null || at.getVL() == 0) {
            return null;
        }
        try {
            if (at instanceof OtherByteAttribute || !"OW".equals(at.getVRAsString()) && !"US".equals(at.getVRAsString())
                    && !"SS".equals(at.getVRAsString())) {
                return at.getByteValues();
            }
            short[] words = at.getShortValues();
            byte[] b = new byte[2 * words.length];
            for (int i = 0; i < words.length; i++) {
                b[2 * i] = (byte) words[i];
                b[2 * i + 1] = (byte) (words[i] >> 8);
            }
            return b;
        } catch (DicomException e) {
            throw new IllegalArgumentException("cannot read the palette lookup table: " + e.getMessage(), e);
        }
    }

    /** Expands segmented table data (C.7.9.2) to exactly {@code entries} values. */
    static int[] expandSegments(int[] data, int entries, int bits, String name) {
        int[] out = new int[entries];
        int n = expand(data, 0, Integer.MAX_VALUE, out, 0, bits, name, 0);
        if (n != entries) {
            throw new IllegalArgumentException("the segmented " + name + " Palette Color Lookup Table expands to " + n
                    + " entries, not the " + entries + " its descriptor gives");
        }
        return out;
    }

    /** Expands segments from {@code at} into {@code out} from {@code filled}; returns the new fill. */
    private static int expand(int[] d, int at, int segments, int[] out, int filled, int bits, String name, int depth) {
        int read = 0;
        while (at + 1 < d.length && read < segments) {
            int opcode = d[at];
            int length = d[at + 1];
            at += 2;
            switch (opcode) {
                case 0 -> { // discrete: the next `length` values
                    requireRoom(out, filled, length, name);
                    if (at + length > d.length) {
                        throw bad(name, "a discrete segment runs past the end of the data");
                    }
                    System.arraycopy(d, at, out, filled, length);
                    filled += length;
                    at += length;
                }
                case 1 -> { // linear: from the last value to y1 over `length` entries
                    if (filled == 0) {
                        throw bad(name, "the first segment is a linear segment (no value to start from)");
                    }
                    if (at >= d.length) {
                        throw bad(name, "a linear segment has no end value");
                    }
                    requireRoom(out, filled, length, name);
                    linear(out, filled, length, out[filled - 1], d[at]);
                    filled += length;
                    at += 1;
                }
                case 2 -> { // indirect: copy `length` segments found at a byte offset in the data
                    if (filled == 0) {
                        throw bad(name, "the first segment is an indirect segment");
                    }
                    if (depth >= MAX_INDIRECTION) {
                        throw bad(name, "indirect segments nest deeper than " + MAX_INDIRECTION + " (a loop?)");
                    }
                    int words = bits == 8 ? 4 : 2;
                    if (at + words > d.length) {
                        throw bad(name, "an indirect segment has no offset");
                    }
                    long byteOffset = bits == 8
                            ? (d[at] | (long) d[at + 1] << 8 | (long) d[at + 2] << 16 | (long) d[at + 3] << 24)
                            : (d[at] | (long) d[at + 1] << 16);
                    long target = byteOffset / (bits / 8);
                    if (target >= d.length) {
                        throw bad(name, "an indirect segment points beyond the data");
                    }
                    filled = expand(d, (int) target, length, out, filled, bits, name, depth + 1);
                    at += words;
                }
                default -> throw bad(name, "unknown segment type " + opcode);
            }
            read++;
        }
        return filled;
    }

    /**
     * {@code count} values after {@code y0} ending at {@code y1}, computed as numpy's
     * {@code around(linspace(y0 + step, y1, count))} (pydicom's expansion), so the same entries come out.
     */
    private static void linear(int[] out, int from, int count, int y0, int y1) {
        if (count == 0) {
            return;
        }
        if (y0 == y1) {
            Arrays.fill(out, from, from + count, y1);
            return;
        }
        double start = y0 + (double) (y1 - y0) / count;
        double step = count > 1 ? (y1 - start) / (count - 1) : 0;
        for (int k = 0; k < count; k++) {
            double v = k == count - 1 && count > 1 ? y1 : k * step + start;
            out[from + k] = (int) Math.rint(v);
        }
    }

    private static void requireRoom(int[] out, int filled, int length, String name) {
        if ((long) filled + length > out.length) {
            throw bad(name, "the segments expand beyond the " + out.length + " entries of its descriptor");
        }
    }

    private static IllegalArgumentException bad(String name, String why) {
        return new IllegalArgumentException("segmented " + name + " Palette Color Lookup Table: " + why);
    }
}
