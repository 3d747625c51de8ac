package nero.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The install rules on small fake Fiji folders: add what is missing, keep what works, replace what is too old. */
class FijiInstallTest {
    @TempDir
    Path dir;

    static void jar(Path file, String... entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(entry.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    Path fiji() throws IOException {
        Path fiji = dir.resolve("Fiji.app");
        jar(fiji.resolve("jars/ij-1.54p.jar"), "ij/IJ.class");
        jar(fiji.resolve("jars/gson-2.10.1.jar"), "com/google/gson/Gson.class");
        jar(fiji.resolve("jars/api-0.14.0.jar"), "com/theokanning/openai/Api.class");
        jar(fiji.resolve("jars/slf4j-api-1.7.36.jar"), "org/slf4j/Logger.class");
        jar(fiji.resolve("jars/logback-classic-1.2.12.jar"), "org/slf4j/impl/StaticLoggerBinder.class",
                "ch/qos/logback/classic/Logger.class");
        jar(fiji.resolve("jars/javacpp-1.5.10.jar"), "org/bytedeco/javacpp/Loader.class");
        jar(fiji.resolve("jars/ffmpeg-6.1.1-1.5.10.jar"), "org/bytedeco/ffmpeg/global/avcodec.class");
        jar(fiji.resolve("jars/win64/ffmpeg-6.1.1-1.5.10-windows-x86_64.jar"),
                "org/bytedeco/ffmpeg/windows-x86_64/avcodec.dll");
        jar(fiji.resolve("jars/foo-1.0.jar"), "org/foo/Foo.class");
        jar(fiji.resolve("plugins/VIB_-4.0.0.jar"), "VIB_.class");
        return fiji;
    }

    Path overlay(String ffmpegVersion, String javacppVersion) throws IOException {
        Path o = dir.resolve("overlay");
        jar(o.resolve("plugins/NERO_OOD-0.1.0.jar"), "nero/fiji/ScoreImagesCommand.class");
        jar(o.resolve("jars/gson-2.13.1.jar"), "com/google/gson/Gson.class");
        jar(o.resolve("jars/api-0.36.0.jar"), "ai/djl/Model.class", "ai/djl/ndarray/NDArray.class");
        jar(o.resolve("jars/slf4j-api-2.0.17.jar"), "org/slf4j/Logger.class");
        jar(o.resolve("jars/slf4j-simple-2.0.16.jar"), "org/slf4j/simple/SimpleLogger.class",
                "META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
        jar(o.resolve("jars/foo-2.0.jar"), "org/foo/Foo.class");
        jar(o.resolve("jars/commons-csv-1.11.0.jar"), "org/apache/commons/csv/CSVFormat.class");
        jar(o.resolve("jars/javacpp-" + javacppVersion + ".jar"), "org/bytedeco/javacpp/Loader.class");
        jar(o.resolve("jars/ffmpeg-" + ffmpegVersion + ".jar"), "org/bytedeco/ffmpeg/global/avcodec.class");
        jar(o.resolve("jars/linux64/ffmpeg-" + ffmpegVersion + "-linux-x86_64.jar"),
                "org/bytedeco/ffmpeg/linux-x86_64/libavcodec.so");
        jar(o.resolve("jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar"), "native/lib/libtorch.so");
        return o;
    }

    static List<String> added(InstallPlan plan) {
        return plan.adds.stream().map(InstallPlan.Add::destination).sorted().toList();
    }

    @Test
    void addsWhatFijiLacksKeepsWorkingVersionsAndReplacesTooOldOnes() throws IOException {
        InstallPlan plan = InstallPlan.make(overlay("6.1.1-1.5.10", "1.5.10"), fiji());
        assertEquals(List.of("jars/commons-csv-1.11.0.jar", "jars/djl-api-0.36.0.jar", "jars/foo-2.0.jar",
                "jars/linux64/ffmpeg-6.1.1-1.5.10-linux-x86_64.jar",
                "jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar", "plugins/NERO_OOD-0.1.0.jar"), added(plan));
        assertEquals(List.of("jars/foo-1.0.jar"), plan.replaces.stream().map(InstallPlan.Replace::path).toList());
        String kept = String.join("\n", plan.kept);
        assertTrue(kept.contains("jars/gson-2.10.1.jar instead of gson-2.13.1.jar"), kept);
        assertTrue(kept.contains("jars/javacpp-1.5.10.jar instead of javacpp-1.5.10.jar (same or newer)"), kept);
        assertTrue(kept.contains("slf4j-api-1.7.36.jar instead of slf4j-api-2.0.17.jar"), kept);
        assertTrue(kept.contains("SLF4J binding instead of slf4j-simple-2.0.16.jar"), kept);
        assertTrue(plan.warnings.isEmpty(), plan.warnings.toString());
    }

    @Test
    void aNewerJavaCppReplacesFijisWholeFfmpegFamilyWithItsNatives() throws IOException {
        InstallPlan plan = InstallPlan.make(overlay("7.1-1.5.11", "1.5.11"), fiji());
        assertEquals(List.of("jars/ffmpeg-6.1.1-1.5.10.jar", "jars/javacpp-1.5.10.jar",
                "jars/win64/ffmpeg-6.1.1-1.5.10-windows-x86_64.jar", "jars/foo-1.0.jar"),
                plan.replaces.stream().map(InstallPlan.Replace::path).sorted((a, b) -> a.contains("foo")
                        ? 1 : b.contains("foo") ? -1 : a.compareTo(b)).toList());
        assertTrue(added(plan).contains("jars/linux64/ffmpeg-7.1-1.5.11-linux-x86_64.jar"));
        assertTrue(added(plan).contains("jars/javacpp-1.5.11.jar"));
    }

    @Test
    void nativesForAnotherVersionThanFijisKeptJavaJarAreNotInstalled() throws IOException {
        InstallPlan plan = InstallPlan.make(overlay("6.0-1.5.9", "1.5.9"), fiji());
        assertFalse(added(plan).stream().anyMatch(a -> a.contains("ffmpeg")), added(plan).toString());
        assertEquals(1, plan.warnings.size(), plan.warnings.toString());
        assertTrue(plan.warnings.get(0).contains("ffmpeg-6.1.1-1.5.10-linux-x86_64.jar from Maven Central"));
    }

    @Test
    void uninstallRestoresFijiByteForByte() throws IOException {
        Path fiji = fiji();
        Path overlay = overlay("7.1-1.5.11", "1.5.11");
        Map<String, String> before = tree(fiji);
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        FijiInstall installer = new FijiInstall(new PrintStream(report, true, StandardCharsets.UTF_8));
        installer.run(new String[] {"install", overlay.toString(), fiji.toString()});
        assertTrue(Files.exists(fiji.resolve("plugins/NERO_OOD-0.1.0.jar")));
        assertFalse(Files.exists(fiji.resolve("jars/javacpp-1.5.10.jar")));
        assertTrue(report.toString(StandardCharsets.UTF_8).contains("replaced    jars/javacpp-1.5.10.jar by javacpp-1.5.11.jar"));
        // Installing again first removes the previous installation: still one copy of each jar.
        installer.run(new String[] {"install", overlay.toString(), fiji.toString()});
        assertEquals(1, Files.list(fiji.resolve("jars")).filter(p -> p.toString().contains("javacpp")).count());
        installer.run(new String[] {"uninstall", fiji.toString()});
        assertEquals(before, tree(fiji));
    }

    @Test
    void versionsCompareNumericallyPartByPart() {
        assertTrue(JarFacts.compareVersions("2.10.1", "2.9.0") > 0);
        assertTrue(JarFacts.compareVersions("0.41", "0.43.1") < 0);
        assertTrue(JarFacts.compareVersions("7.1-1.5.11", "6.1.1-1.5.10") > 0);
        assertEquals(0, JarFacts.compareVersions("1.5.10", "1.5.10"));
    }

    /** Path → content of every file (the content of these fake jars is their entry list). */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), java.util.Arrays.toString(Files.readAllBytes(p)));
            }
        }
        return files;
    }
}
