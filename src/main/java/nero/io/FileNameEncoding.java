package nero.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import nero.core.InvalidInputException;

/**
 * Whether this Java can use file names with non-ASCII characters. Java takes the encoding of file names
 * ({@code sun.jnu.encoding}) from the locale once, at start-up, and it cannot be changed afterwards (a
 * {@code -Dsun.jnu.encoding} option is ignored by Java 17): under the C/POSIX locale of cron jobs, systemd services
 * and bare containers it is ASCII, and a file named {@code café.png} can be neither named nor opened, only listed
 * with its bytes shown as '?'. The launcher ({@code ./nero}) starts Java in C.UTF-8 there; a Java started otherwise
 * (Fiji from a C-locale session, a Spark driver) reports such names with this advice instead of calling the file
 * corrupt or a class folder empty. The same for a name whose bytes are not valid in a UTF-8 system (Latin-1 from an
 * old share): Java cannot open it by name in any locale.
 */
public final class FileNameEncoding {
    /** A byte of 0x80 or above, as a file's URI shows its raw name. */
    private static final Pattern NON_ASCII_BYTE = Pattern.compile("%[89A-Fa-f][0-9A-Fa-f]");

    private FileNameEncoding() {
    }

    /** The encoding this Java gives file names. */
    public static Charset ofThisJava() {
        String name = System.getProperty("sun.jnu.encoding", "UTF-8");
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Whether only ASCII file names can be used (the C/POSIX locale). */
    public static boolean asciiOnly() {
        return ofThisJava().equals(StandardCharsets.US_ASCII);
    }

    /** What to do about it, for a message. */
    public static String advice() {
        return "this Java runs with the ASCII-only file-name encoding of the C/POSIX locale (sun.jnu.encoding="
                + System.getProperty("sun.jnu.encoding") + "), in which non-ASCII file names cannot be opened: start"
                + " it in a UTF-8 locale (LC_ALL=C.UTF-8, as ./nero does; for Fiji: LC_ALL=C.UTF-8 before its"
                + " launcher)";
    }

    /** Whether the file's name, as stored on disk, holds a non-ASCII byte. */
    public static boolean hasNonAsciiName(Path file) {
        return NON_ASCII_BYTE.matcher(file.toUri().getRawPath()).find();
    }

    /**
     * Why this Java cannot open a listed file by its name, or null when it can: a non-ASCII name under the C locale,
     * or a name whose bytes are not valid in this Java's file-name encoding (a Latin-1 name from an old share in a
     * UTF-8 system): Java would see the name with replacement characters, and the file as missing or corrupt.
     */
    public static String whyUnusable(Path file) {
        if (!hasNonAsciiName(file)) {
            return null;
        }
        if (asciiOnly()) {
            return "non-ASCII file name; " + advice();
        }
        byte[] raw = rawBytes(file.toUri().getRawPath());
        try {
            ofThisJava().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
            return null;
        } catch (CharacterCodingException e) {
            return "the file name is not valid " + ofThisJava().name() + " (this Java's file-name encoding), so it"
                    + " cannot be opened by name: rename the file in " + ofThisJava().name() + " (convmv does it for"
                    + " a folder)";
        }
    }

    /** Refuses a listed file this Java cannot open by its name ({@link #whyUnusable}), naming it and the cure. */
    public static void checkUsable(Path file) {
        String why = whyUnusable(file);
        if (why != null) {
            throw new InvalidInputException(file + ": " + why);
        }
    }

    /** A URI's raw path (percent-escaped bytes) back to bytes. */
    private static byte[] rawBytes(String rawPath) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%' && i + 2 < rawPath.length()) {
                out.write(Integer.parseInt(rawPath.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** The same for a path typed or chosen as text that could not be turned into a file name; null otherwise. */
    public static String explain(InvalidPathException e) {
        return asciiOnly() && e.getMessage() != null && e.getMessage().contains(UNMAPPABLE)
                ? e.getInput() + ": non-ASCII file name; " + advice() : null;
    }

    /**
     * The same from a message that quotes Java's {@link InvalidPathException} (a command-line parser's, say), or
     * null when it does not.
     */
    public static String explain(String message) {
        int at = message == null || !asciiOnly() ? -1 : message.lastIndexOf(UNMAPPABLE + ": ");
        if (at < 0) {
            return null;
        }
        String input = message.substring(at + UNMAPPABLE.length() + 2).strip();
        return (input.endsWith(")") ? input.substring(0, input.length() - 1) : input) + ": non-ASCII file name; "
                + advice();
    }

    private static final String UNMAPPABLE = "unmappable characters";
}
