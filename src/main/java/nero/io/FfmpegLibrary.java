package nero.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avfilter;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/**
 * FFmpeg's native libraries (bytedeco's LGPL build, from the platform jar on the class path), loaded once per JVM.
 * Loading fails cleanly where the platform jar is missing or the libraries do not fit the system: then
 * {@link #available()} is false, {@link #problem()} says why, and video falls back to JCodec.
 *
 * <p>JavaCPP unpacks the libraries (about 65 MB, once) into {@code ~/.javacpp/cache}. Where the home folder cannot
 * be written (a read-only home, a service account), the cache goes to the temp folder instead, as the PyTorch
 * engine's does; {@code -Dorg.bytedeco.javacpp.cachedir=…} chooses another place. Nothing is downloaded.
 */
public final class FfmpegLibrary {
    static final String CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";
    /** {@code -Dnero.ffmpeg=off} refuses the natives, as if they could not load (tests of the fallback, diagnosis). */
    public static final String SWITCH_PROPERTY = "nero.ffmpeg";

    private static final Object LOCK = new Object();
    private static volatile Boolean loaded;
    private static String problem;
    private static String version = "";

    private FfmpegLibrary() {
    }

    /** Whether the natives are loaded (loads them on the first call). */
    public static boolean available() {
        if ("off".equalsIgnoreCase(System.getProperty(SWITCH_PROPERTY, ""))) {
            return false;
        }
        Boolean ok = loaded;
        if (ok != null) {
            return ok;
        }
        synchronized (LOCK) {
            if (loaded == null) {
                loaded = load();
            }
            return loaded;
        }
    }

    /** Why the natives are not in use, or null when they are. */
    public static String problem() {
        if ("off".equalsIgnoreCase(System.getProperty(SWITCH_PROPERTY, ""))) {
            return "switched off with -D" + SWITCH_PROPERTY + "=off";
        }
        return available() ? null : problem;
    }

    /** FFmpeg's version, e.g. "6.1.1", once loaded. */
    public static String version() {
        return available() ? version : "";
    }

    private static boolean load() {
        chooseCacheDir();
        try {
            Loader.load(avutil.class);
            Loader.load(avcodec.class);
            Loader.load(avformat.class);
            Loader.load(swscale.class);
            Loader.load(avfilter.class);
            avutil.av_log_set_level(avutil.AV_LOG_QUIET); // failures reach the user through our own messages
            version = avutil.av_version_info().getString();
            return true;
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError…
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            problem = "FFmpeg natives for " + Loader.getPlatform() + " could not be loaded (" + root.getClass()
                    .getSimpleName() + ": " + root.getMessage() + ")";
            return false;
        }
    }

    /** Keeps JavaCPP's default cache unless the home folder is not writable, as for DJL's cache. */
    static void chooseCacheDir() {
        if (System.getProperty(CACHE_PROPERTY) != null || System.getProperty("org.bytedeco.javacpp.cacheDir") != null) {
            return;
        }
        Path fallback = fallbackCacheDir(Path.of(System.getProperty("user.home", ".")),
                Path.of(System.getProperty("java.io.tmpdir")), System.getProperty("user.name", "user"));
        if (fallback != null) {
            System.setProperty(CACHE_PROPERTY, fallback.toString());
        }
    }

    /** Null when {@code ~/.javacpp/cache} can be used, else a per-user folder in the temp folder. */
    public static Path fallbackCacheDir(Path home, Path tmp, String userName) {
        Path cache = home.resolve(".javacpp");
        boolean homeUsable = Files.isDirectory(cache) ? Files.isWritable(cache)
                : Files.isDirectory(home) && Files.isWritable(home);
        if (homeUsable) {
            return null;
        }
        String user = userName.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
        return tmp.resolve(".javacpp-" + user).resolve("cache");
    }
}
