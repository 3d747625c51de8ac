package nero.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import nero.core.InvalidInputException;

/** What a file holds, decided from its first bytes (its extension only breaks ties for headerless formats). */
public enum FileKind {
    IMAGE, DICOM, MP4, MPEG_TS, MPEG_PS, OTHER_VIDEO, UNKNOWN;

    private static final int SNIFF_BYTES = 1024;

    public boolean isVideo() {
        return this == MP4 || this == MPEG_TS || this == MPEG_PS || this == OTHER_VIDEO;
    }

    /** Reads the file's first bytes; an empty, unreadable or missing file is refused. */
    public static FileKind of(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": not a file (missing, or a folder)");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidInputException(file + ": not readable (check permissions)");
        }
        byte[] head = new byte[SNIFF_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (n == 0) {
            throw new InvalidInputException(file + ": empty file (0 bytes)");
        }
        return of(head, n, file.getFileName().toString());
    }

    public static FileKind of(byte[] b, int n, String name) {
        if (n >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M') {
            return DICOM;
        }
        if (n >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return IMAGE; // JPEG
        }
        if (startsWith(b, n, 0x89, 'P', 'N', 'G') || startsWith(b, n, 'G', 'I', 'F', '8')
                || startsWith(b, n, 'I', 'I', 42, 0) || startsWith(b, n, 'M', 'M', 0, 42)
                || startsWith(b, n, 'I', 'I', 43, 0) || startsWith(b, n, 'M', 'M', 0, 43) // BigTIFF
                || (startsWith(b, n, 'B', 'M') && hasExtension(name, "bmp"))) {
            return IMAGE;
        }
        if (n >= 8 && isAscii(b, 4, "ftyp", "moov", "mdat", "wide", "free", "skip")) {
            return MP4;
        }
        if (n >= 377 && b[0] == 0x47 && b[188] == 0x47 && b[376] == 0x47) {
            return MPEG_TS;
        }
        if (startsWith(b, n, 0, 0, 1, 0xBA)) {
            return MPEG_PS;
        }
        if (startsWith(b, n, 'R', 'I', 'F', 'F') && n >= 12 && isAscii(b, 8, "AVI ")
                || startsWith(b, n, 0x1A, 0x45, 0xDF, 0xA3) || startsWith(b, n, 0x30, 0x26, 0xB2, 0x75)
                || startsWith(b, n, 0x06, 0x0E, 0x2B, 0x34) || startsWith(b, n, 'F', 'L', 'V', 1)
                || startsWith(b, n, 0, 0, 1, 0xB3)) {
            return OTHER_VIDEO; // AVI, Matroska/WebM, ASF/WMV, MXF, FLV, MPEG-1/2 elementary stream (FFmpeg reads them)
        }
        return UNKNOWN;
    }

    public static String containerName(FileKind kind, byte[] b, int n) {
        return switch (kind) {
            case MP4 -> "MP4/MOV";
            case MPEG_TS -> "MPEG-TS";
            case MPEG_PS -> "MPEG-PS";
            case OTHER_VIDEO -> startsWith(b, n, 'R', 'I', 'F', 'F') ? "AVI"
                    : startsWith(b, n, 0x30, 0x26, 0xB2, 0x75) ? "ASF/WMV"
                    : startsWith(b, n, 0x06, 0x0E, 0x2B, 0x34) ? "MXF"
                    : startsWith(b, n, 'F', 'L', 'V', 1) ? "FLV"
                    : startsWith(b, n, 0, 0, 1, 0xB3) ? "MPEG video elementary stream" : "Matroska/WebM";
            default -> kind.name();
        };
    }

    private static boolean startsWith(byte[] b, int n, int... sig) {
        if (n < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if ((b[i] & 0xff) != (sig[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(byte[] b, int at, String... words) {
        for (String w : words) {
            boolean match = true;
            for (int i = 0; i < 4; i++) {
                match &= b[at + i] == w.charAt(i);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasExtension(String name, String ext) {
        return name.toLowerCase(Locale.ROOT).endsWith("." + ext);
    }
}
