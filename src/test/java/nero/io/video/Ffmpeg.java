package nero.io.video;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import nero.io.ExternalProcess;
import org.junit.jupiter.api.Assumptions;

/**
 * The system's ffmpeg, used by tests to write small real videos (from its {@code testsrc2} pattern) and to decode
 * reference stills. Tests skip when it is missing, and fail then when NERO_REQUIRE_FULL_TESTS=1 (CI installs it).
 */
public final class Ffmpeg {
    private static final long LIMIT_S = 60; // a guard against a hung process, not a timing
    private static final Map<List<String>, Optional<String>> CHECKED = new ConcurrentHashMap<>();

    private Ffmpeg() {
    }

    /** Skips (or, with NERO_REQUIRE_FULL_TESTS=1, fails) unless ffmpeg and ffprobe run and have {@code encoders}. */
    public static void require(String... encoders) {
        String missing = CHECKED.computeIfAbsent(List.of(encoders), e -> Optional.ofNullable(missing(encoders)))
                .orElse(null);
        if (missing != null) {
            if ("1".equals(System.getenv("NERO_REQUIRE_FULL_TESTS"))) {
                fail(missing + " (needed to write the video fixtures) and NERO_REQUIRE_FULL_TESTS=1");
            }
            Assumptions.abort(missing + ": video fixture tests skipped");
        }
    }

    private static String missing(String... encoders) {
        try {
            run(List.of("ffprobe", "-version"));
            String list = run(List.of("ffmpeg", "-hide_banner", "-encoders"));
            for (String e : encoders) {
                if (!list.matches("(?s).*\\s" + e + "\\s.*")) {
                    return "ffmpeg has no " + e + " encoder";
                }
            }
            return null;
        } catch (IOException e) {
            return "ffmpeg/ffprobe not runnable (" + e.getMessage() + ")";
        }
    }

    /** Writes {@code frames} frames of the 25 fps testsrc2 pattern at 160×128 with the given encoder options. */
    public static Path write(Path out, int frames, String... options) throws IOException {
        return write(out, "160x128", frames, options);
    }

    /** As above at another size ("WxH"). */
    public static Path write(Path out, String size, int frames, String... options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25", "-frames:v", Integer.toString(frames),
                "-threads", "1"));
        cmd.addAll(List.of(options));
        cmd.add(out.toString());
        run(cmd);
        return out;
    }

    /** One JPEG of the testsrc2 pattern at {@code size} ("WxH") in {@code pixelFormat} (yuvj420p, gray, …). */
    public static Path writeStill(Path out, String size, String pixelFormat) throws IOException {
        run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=" + size + ":rate=25", "-frames:v", "1", "-c:v", "mjpeg", "-q:v", "3", "-pix_fmt",
                pixelFormat, "-strict", "-1", out.toString()));
        return out;
    }

    /** ffmpeg's own decode of every frame, in display order. */
    public static List<BufferedImage> stills(Path video) throws IOException {
        return stills(video, null);
    }

    /** As above through a filter chain (e.g. a deinterlacer), or none when {@code filter} is null. */
    public static List<BufferedImage> stills(Path video, String filter) throws IOException {
        Path dir = Files.createTempDirectory(video.getParent(), video.getFileName() + "-png");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-i", video.toString(), "-vsync", "passthrough"));
        if (filter != null) {
            cmd.addAll(List.of("-vf", filter));
        }
        cmd.add(dir.resolve("%04d.png").toString());
        run(cmd);
        List<BufferedImage> images = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                images.add(ImageIO.read(p.toFile()));
            }
        }
        return images;
    }

    /** ffprobe's picture types (I, P, B) of the video's frames, in display order, e.g. "IPBBP…". */
    public static String pictureTypes(Path video) throws IOException {
        return run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pict_type",
                "-of", "csv=p=0", video.toString())).replaceAll("\\s", "");
    }

    private static String run(List<String> cmd) throws IOException {
        return ExternalProcess.run(cmd, null, LIMIT_S);
    }
}
