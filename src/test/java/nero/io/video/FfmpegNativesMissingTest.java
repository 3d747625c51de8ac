package nero.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import nero.io.FfmpegLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where FFmpeg's natives cannot load, video falls back to JCodec, says so once, and refuses what JCodec cannot read. */
class FfmpegNativesMissingTest {
    @TempDir
    Path dir;

    @Test
    void withoutTheNativeJarJCodecDecodesAndRefusesInterlacedH264Clearly() throws Exception {
        Ffmpeg.require("libx264");
        Path interlaced = Ffmpeg.write(dir.resolve("interlaced.mp4"), 5, "-c:v", "libx264", "-pix_fmt", "yuv420p",
                "-flags", "+ilme+ildct", "-top", "1");
        Path progressive = Ffmpeg.write(dir.resolve("progressive.mp4"), 5, "-c:v", "libx264", "-pix_fmt", "yuv420p");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = Arrays.asList(classPath.split(File.pathSeparator));
        String withoutNatives = entries.stream().filter(e -> !isFfmpegNativeJar(e))
                .collect(Collectors.joining(File.pathSeparator));
        assertNotEquals(classPath, withoutNatives, "the test class path has FFmpeg's native jar: " + classPath);

        Result progressiveRun = probe(withoutNatives, progressive);
        assertEquals(5, progressiveRun.stdout.lines().filter(l -> l.endsWith(" -> ok")).count(), progressiveRun.stdout);
        assertTrue(progressiveRun.stderr.contains("NERO: video decoding with JCodec"), progressiveRun.stderr);
        assertTrue(progressiveRun.stderr.contains("FFmpeg natives for "), progressiveRun.stderr);
        assertEquals(1, progressiveRun.stderr.lines().filter(l -> l.startsWith("NERO: video decoding")).count(),
                "said once: " + progressiveRun.stderr);

        Result interlacedRun = probe(withoutNatives, interlaced);
        String last = interlacedRun.stdout.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith(interlaced + " -> UnsupportedVideoException: " + interlaced), interlacedRun.stdout);
        assertTrue(last.contains(": unsupported video (container MP4/MOV, codec H.264, interlaced H.264 (MBAFF))"),
                interlacedRun.stdout);
        assertTrue(last.contains("ffmpeg -i INPUT"), last);
        assertTrue(!interlacedRun.stderr.contains("\tat "), "no stack trace: " + interlacedRun.stderr);
    }

    private static boolean isFfmpegNativeJar(String entry) {
        String name = Path.of(entry).getFileName().toString();
        return name.matches("ffmpeg-.*-(linux|macosx|windows|android|ios)-[^/]*\\.jar");
    }

    private record Result(String stdout, String stderr) {
    }

    private Result probe(String classPath, Path video) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory(dir, "home");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.awt.headless=true", "-Duser.home=" + home,
                "-Dorg.bytedeco.javacpp.cachedir=" + home.resolve("cache"), "-cp", classPath,
                FallbackProbe.class.getName(), video.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the probe JVM did not finish");
        String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        return new Result(new String(out, StandardCharsets.UTF_8), stderr);
    }

    @Test
    void theNativeCacheMovesToTheTempFolderWhenHomeIsNotWritable() throws Exception {
        assertNull(FfmpegLibrary.fallbackCacheDir(dir, Path.of("/tmp"), "me"), "a writable home keeps the default");
        Path missingHome = dir.resolve("no-such-home");
        assertEquals(dir.resolve("tmp/.javacpp-me_x/cache"),
                FfmpegLibrary.fallbackCacheDir(missingHome, dir.resolve("tmp"), "Me X"));
        Path readOnlyCache = Files.createDirectories(dir.resolve("home/.javacpp"));
        boolean madeReadOnly = readOnlyCache.toFile().setWritable(false, false);
        if (madeReadOnly && !Files.isWritable(readOnlyCache)) { // root can write anyway
            assertEquals(dir.resolve("tmp/.javacpp-me/cache"),
                    FfmpegLibrary.fallbackCacheDir(dir.resolve("home"), dir.resolve("tmp"), "me"));
        }
    }
}
