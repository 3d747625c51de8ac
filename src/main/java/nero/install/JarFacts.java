package nero.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What the installer needs to know about one jar: its name split the way Fiji's updater splits it (base name,
 * version, platform classifier), the classes it holds, and whether it is SLF4J's API or an SLF4J binding.
 * Two jars are "the same library" when they hold a class of the same name: file names alone mislead (Fiji's
 * {@code api-0.14.0.jar} is an OpenAI client, DJL's {@code api-0.36.0.jar} is DJL).
 */
record JarFacts(Path file, String base, String version, String classifier, String group, Set<String> classes,
        boolean slf4jApi, boolean slf4jBinding) {
    private static final Pattern NAME = Pattern.compile(
            "(.+?)-(\\d[^-]*(?:-[^-]+)*?)(?:-((?:linux|windows|win|macosx|osx|android|natives)-[A-Za-z0-9_-]+))?\\.jar");

    static JarFacts read(Path jar) {
        String fileName = jar.getFileName().toString();
        Matcher m = NAME.matcher(fileName);
        String base = m.matches() ? m.group(1) : fileName.replaceFirst("\\.jar$", "");
        String version = m.matches() ? m.group(2) : "";
        String classifier = m.matches() && m.group(3) != null ? m.group(3) : "";
        Set<String> classes = new HashSet<>();
        String group = "";
        boolean binding = false;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                String name = e.nextElement().getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                    classes.add(name);
                }
                if (name.equals("org/slf4j/impl/StaticLoggerBinder.class")
                        || name.equals("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")) {
                    binding = true;
                }
                if (group.isEmpty() && name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    Properties pom = new Properties();
                    pom.load(zip.getInputStream(zip.getEntry(name)));
                    if (base.equals(pom.getProperty("artifactId"))) {
                        group = pom.getProperty("groupId", "");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the jar " + jar + ": " + e.getMessage(), e);
        }
        if (group.isEmpty()) {
            group = topPackage(classes);
        }
        return new JarFacts(jar, base, version, classifier, group, classes,
                classes.contains("org/slf4j/Logger.class"), binding);
    }

    /** The two-level package most classes live in ({@code ai.djl}), for jars without Maven metadata. */
    private static String topPackage(Set<String> classes) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (String c : classes) {
            String[] parts = c.split("/");
            if (parts.length > 2) {
                counts.merge(parts[0] + "." + parts[1], 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey)
                .orElse("");
    }

    boolean sharesClassesWith(JarFacts other) {
        Set<String> small = classes.size() <= other.classes.size() ? classes : other.classes;
        Set<String> large = small == classes ? other.classes : classes;
        for (String c : small) {
            if (large.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** A native-library jar for one platform (PyTorch, FFmpeg): same library as its Java jar, other classifier. */
    boolean isNatives() {
        return !classifier.isEmpty();
    }

    String fileName() {
        return file.getFileName().toString();
    }

    /** The version a library is compared by: for bytedeco presets ({@code 6.1.1-1.5.10}) the JavaCPP version last. */
    static int compareVersions(String a, String b) {
        String[] x = a.toLowerCase(Locale.ROOT).split("[.-]");
        String[] y = b.toLowerCase(Locale.ROOT).split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c = p.matches("\\d+") && q.matches("\\d+")
                    ? new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
