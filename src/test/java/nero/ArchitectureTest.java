package nero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point inward (docs/architecture.md): core &lt; io &lt; model &lt; view &lt; app &lt; fiji, cli, spark.
 * Reads every main source file of the plugin and of the Spark module ({@code spark/}) and fails on an import (or an
 * inline qualified name) that points outward, and on a library a layer must not use (core is pure Java; nothing
 * below the shells knows SciJava).
 */
class ArchitectureTest {
    /**
     * Per layer, the project layers it may use besides itself. The command line runs the Fiji commands; the views
     * draw from core's numbers (and write tables through io) and never need the model.
     */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "core", Set.of(),
            "io", Set.of("core"),
            "model", Set.of("core", "io"),
            "view", Set.of("core", "io"),
            "app", Set.of("core", "io", "model", "view"),
            "fiji", Set.of("core", "io", "model", "view", "app"),
            "spark", Set.of("core", "io", "model", "view", "app"),
            "cli", Set.of("core", "io", "model", "view", "app", "fiji"),
            // tools/install-fiji.sh runs it with the plugin jar alone on the class path
            "install", Set.of());

    /** Per layer, library packages it must not use. */
    static final Map<String, List<String>> FORBIDDEN_LIBRARIES = Map.of(
            "core", List.of("ij.", "net.imagej.", "net.imglib2.", "org.scijava.", "ai.djl.", "java.awt."),
            "io", List.of("org.scijava.", "ai.djl."),
            "model", List.of("org.scijava."),
            "view", List.of("org.scijava.", "ai.djl."),
            "app", List.of("org.scijava.", "ai.djl."),
            "spark", List.of("org.scijava.", "ai.djl."),
            "install", List.of("ij.", "net.imagej.", "org.scijava.", "ai.djl.", "org.apache.", "com.", "org.ejml."));

    /**
     * Inside io, per sub-package, the io sub-packages it may use besides itself ("" is io's root, the readers' shared
     * vocabulary): root &lt; image, video, table &lt; dicom &lt; source (the one way in); bench measures them all.
     */
    static final Map<String, Set<String>> IO_ALLOWED = Map.of(
            "", Set.of(),
            "image", Set.of(""),
            "video", Set.of(""),
            "table", Set.of(""),
            "dicom", Set.of("", "video"),
            "source", Set.of("", "image", "video", "dicom"),
            "bench", Set.of("", "image", "video", "dicom", "source"));

    private static final Pattern PROJECT_REFERENCE = Pattern.compile("\\bnero\\.([a-z]+)\\.");
    private static final Pattern IO_REFERENCE = Pattern.compile("\\bnero\\.io\\.([a-z]+\\.)?[A-Z*]");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?([\\w.]+)");

    @Test
    void everyDependencyPointsInward() throws IOException {
        Path base = Path.of(System.getProperty("basedir", "."));
        List<String> violations = new ArrayList<>();
        int plugin = check(base.resolve("src/main/java/nero"), violations);
        int spark = check(base.resolve("spark/src/main/java/nero"), violations);
        assertTrue(plugin > 100, "found only " + plugin + " source files of the plugin");
        assertTrue(spark > 10, "found only " + spark + " source files of the Spark module");
        assertEquals(List.of(), violations, "outward dependencies:\n" + String.join("\n", violations));
    }

    /** Checks every source file under {@code root} (a {@code nero} package folder); returns how many it read. */
    private static int check(Path root, List<String> violations) throws IOException {
        int files = 0;
        try (Stream<Path> sources = Files.walk(root)) {
            for (Path file : sources.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                files++;
                Path relative = root.relativize(file);
                String layer = relative.getName(0).toString();
                String source = Files.readString(file);
                violations.addAll(violations(relative.toString(), layer, source));
                if (layer.equals("io")) {
                    String sub = relative.getNameCount() > 2 ? relative.getName(1).toString() : "";
                    violations.addAll(ioViolations(relative.toString(), sub, source));
                }
            }
        }
        return files;
    }

    @Test
    void theCheckSeesOutwardImportsQualifiedNamesAndForbiddenLibraries() {
        String source = """
                package nero.model;
                import nero.core.FeatureSet;
                import nero.app.Reports;
                import org.scijava.Context;
                /** a comment may name nero.fiji.Anything */
                class X { String s = "nero.cli.Text"; Object o = new nero.view.ViewFiles(); }
                """;
        assertEquals(List.of("X.java (model) uses nero.app; model may use only [core, io]",
                "X.java (model) uses nero.view; model may use only [core, io]",
                "X.java (model) uses the library org.scijava.Context, which model must not use"),
                violations("X.java", "model", source));
    }

    @Test
    void theSparkJobsAreShellsBesideTheCommandLineAndTheViewsDoNotNeedTheModel() {
        assertEquals(List.of("Job.java (spark) uses nero.cli; spark may use only [app, core, io, model, view]",
                        "Job.java (spark) uses the library ai.djl.ndarray.NDArray, which spark must not use"),
                violations("Job.java", "spark", "package nero.spark;\nimport ai.djl.ndarray.NDArray;\n"
                        + "class Job { Object o = nero.cli.NeroCli.class; }"));
        assertEquals(List.of("V.java (view) uses nero.model; view may use only [core, io]"),
                violations("V.java", "view", "package nero.view;\nimport nero.model.Classifier;\nclass V {}"));
    }

    @Test
    void insideIoTheCheckSeesASubPackageThatUsesOneAboveIt() {
        String source = """
                package nero.io.image;
                import nero.io.SourceItem;
                import nero.io.source.ImageSources;
                class X { Object o = nero.io.video.VideoReader.class; }
                """;
        assertEquals(List.of("X.java (io.image) uses nero.io.source; io.image may use only io's [root]",
                        "X.java (io.image) uses nero.io.video; io.image may use only io's [root]"),
                ioViolations("X.java", "image", source));
    }

    /** References from one io sub-package to another that break {@link #IO_ALLOWED}. */
    static List<String> ioViolations(String file, String sub, String source) {
        Set<String> allowed = IO_ALLOWED.get(sub);
        String name = sub.isEmpty() ? "io" : "io." + sub;
        if (allowed == null) {
            return List.of(file + " is in no io sub-package: put it in one of " + new TreeSet<>(IO_ALLOWED.keySet()));
        }
        Set<String> used = new TreeSet<>();
        Matcher m = IO_REFERENCE.matcher(withoutCommentsAndStrings(source));
        while (m.find()) {
            used.add(m.group(1) == null ? "" : m.group(1).substring(0, m.group(1).length() - 1));
        }
        List<String> found = new ArrayList<>();
        for (String other : used) {
            if (!other.equals(sub) && !allowed.contains(other)) {
                found.add(file + " (" + name + ") uses nero.io" + (other.isEmpty() ? "" : "." + other) + "; " + name
                        + " may use only io's " + allowed.stream().map(p -> p.isEmpty() ? "root" : p).sorted().toList());
            }
        }
        return found;
    }

    static List<String> violations(String file, String layer, String source) {
        List<String> found = new ArrayList<>();
        Set<String> allowed = ALLOWED.get(layer);
        if (allowed == null) {
            return List.of(file + " is in no layer: put it in one of " + new TreeSet<>(ALLOWED.keySet()));
        }
        String code = withoutCommentsAndStrings(source);
        Set<String> used = new TreeSet<>();
        Matcher m = PROJECT_REFERENCE.matcher(code);
        while (m.find()) {
            used.add(m.group(1));
        }
        for (String other : used) {
            if (!other.equals(layer) && !allowed.contains(other)) {
                found.add(file + " (" + layer + ") uses nero." + other + "; " + layer + " may use only "
                        + new TreeSet<>(allowed));
            }
        }
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            for (String library : FORBIDDEN_LIBRARIES.getOrDefault(layer, List.of())) {
                if (imports.group(1).startsWith(library)) {
                    found.add(file + " (" + layer + ") uses the library " + imports.group(1) + ", which " + layer
                            + " must not use");
                }
            }
        }
        return found;
    }

    /** The source with comments and string/char literals blanked, so only code is checked. */
    static String withoutCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                out.append(' ');
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                i = end < 0 ? s.length() : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
