package nero.io.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nero.core.InvalidInputException;

/**
 * What the user named as a live source: a video file, a network stream ({@code udp://}, {@code rtp://},
 * {@code rtsp://}, {@code http(s)://}, {@code srt://}, …) or a V4L2 capture device ({@code /dev/video0}). Parsing
 * decides nothing about FFmpeg; {@link LiveFrameSource} checks that the bundled build can read it.
 */
public record StreamAddress(Kind kind, String text, String scheme) {
    /** A file is read from disk (and can be replayed at any pace); a stream or a device comes at its own rate. */
    public enum Kind {
        FILE, NETWORK, DEVICE
    }

    private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://.*", Pattern.DOTALL);
    private static final Pattern DEVICE = Pattern.compile("^/dev/video[0-9]+$");

    public static StreamAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("no source given: name a video file, a stream URL (udp://, rtsp://, "
                    + "srt://, http://…) or a capture device such as /dev/video0");
        }
        String t = text.strip();
        Matcher m = URL.matcher(t);
        if (m.matches()) {
            String scheme = m.group(1).toLowerCase(Locale.ROOT);
            if (scheme.equals("file")) {
                return new StreamAddress(Kind.FILE, t.substring("file://".length()), null);
            }
            return new StreamAddress(Kind.NETWORK, t, scheme);
        }
        if (DEVICE.matcher(t).matches() || t.startsWith("/dev/v4l/")) {
            return new StreamAddress(Kind.DEVICE, t, null);
        }
        return new StreamAddress(Kind.FILE, t, null);
    }

    public boolean isFile() {
        return kind == Kind.FILE;
    }

    /** The file, for {@link Kind#FILE}. */
    public Path file() {
        return Path.of(text);
    }

    /**
     * The address as messages show it: a URL without its user name and password (an RTSP camera's
     * {@code rtsp://user:secret@host/…} must not reach a log).
     */
    public String shown() {
        if (kind != Kind.NETWORK) {
            return text;
        }
        return text.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1***@");
    }

    /** Refuses a capture device that is not there, naming the devices that are. */
    void checkDeviceExists() {
        Path device = Path.of(text);
        if (Files.exists(device)) {
            return;
        }
        String present;
        try (var list = Files.list(Path.of("/dev"))) {
            present = String.join(", ", list.map(Path::toString).filter(p -> DEVICE.matcher(p).matches()).sorted()
                    .toList());
        } catch (Exception e) {
            present = "";
        }
        throw new InvalidInputException(text + ": no such capture device (" + (present.isEmpty()
                ? "this machine has no /dev/video* device; is the capture card connected and its driver loaded?"
                : "devices here: " + present) + ")");
    }
}
