package nero.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Decides, jar by jar, what installing NERO into one Fiji does: add what Fiji lacks, keep Fiji's copy of a
 * library it already has whenever NERO runs with that version, replace Fiji's copy only when it is older than
 * the oldest version NERO is known to run with, and never add a second SLF4J API or binding. Nothing is written
 * here; {@link FijiInstall} carries the plan out and reports it.
 */
final class InstallPlan {
    /**
     * Lowest versions of libraries Fiji also ships that NERO has run with inside a real Fiji (2.16.0, measured by
     * tools/fiji-host-test.sh): Fiji's copy at or above these is kept. A library not listed here needs at least
     * the version NERO ships.
     */
    static final Map<String, String> TESTED_MINIMUM = Map.of(
            "gson", "2.10.1",
            "jna", "5.14.0",
            "ejml-core", "0.41",
            "ejml-ddense", "0.41",
            "picocli", "4.7.6",
            "error_prone_annotations", "2.0");

    static final String NERO_BASE = "NERO_OOD";

    /** A jar of NERO's to copy to {@code destination} (relative to the Fiji folder). */
    record Add(JarFacts jar, String destination) {
    }

    /** A jar of Fiji's to move aside because NERO's newer {@code by} replaces it. */
    record Replace(JarFacts fiji, String path, JarFacts by) {
    }

    final List<Add> adds = new ArrayList<>();
    final List<Replace> replaces = new ArrayList<>();
    /** One line per NERO jar not installed because Fiji's copy is used, and why. */
    final List<String> kept = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    private final Path fijiDir;

    private InstallPlan(Path fijiDir) {
        this.fijiDir = fijiDir;
    }

    static InstallPlan make(Path overlay, Path fijiDir) {
        InstallPlan plan = new InstallPlan(fijiDir);
        List<JarFacts> fiji = jarsUnder(fijiDir, "jars", "plugins");
        Map<JarFacts, String> ours = new LinkedHashMap<>();
        for (JarFacts jar : jarsUnder(overlay, "plugins", "jars")) {
            ours.put(jar, overlay.relativize(jar.file()).toString());
        }
        boolean fijiHasApi = fiji.stream().anyMatch(JarFacts::slf4jApi);
        boolean fijiHasBinding = fiji.stream().anyMatch(JarFacts::slf4jBinding);
        Map<String, String> installedVersion = new LinkedHashMap<>();
        List<Map.Entry<JarFacts, String>> natives = new ArrayList<>();
        for (Map.Entry<JarFacts, String> entry : ours.entrySet()) {
            JarFacts jar = entry.getKey();
            if (jar.isNatives()) {
                natives.add(entry);
            } else if (jar.slf4jBinding() && fijiHasBinding) {
                plan.kept.add("Fiji's SLF4J binding instead of " + jar.fileName()
                        + " (a second binding would break Fiji's logging)");
            } else if (jar.slf4jApi() && fijiHasApi) {
                plan.kept.add("Fiji's " + plan.name(fiji, JarFacts::slf4jApi) + " instead of " + jar.fileName()
                        + " (Fiji's logging stays as it is)");
            } else {
                installedVersion.put(jar.base(), plan.decide(jar, entry.getValue(), fiji));
            }
        }
        for (Map.Entry<JarFacts, String> entry : natives) {
            JarFacts jar = entry.getKey();
            String javaSide = installedVersion.get(jar.base());
            List<JarFacts> same = fiji.stream().filter(f -> f.base().equals(jar.base())
                    && f.classifier().equals(jar.classifier())).toList();
            if (javaSide != null && !javaSide.equals(jar.version())) {
                plan.warnings.add(jar.fileName() + " not added: Fiji's " + jar.base() + " " + javaSide
                        + " is used and needs its own natives (" + jar.base() + "-" + javaSide + "-"
                        + jar.classifier() + ".jar from Maven Central)");
            } else if (same.stream().anyMatch(f -> f.version().equals(jar.version()))) {
                plan.kept.add("Fiji's copy of " + jar.fileName());
            } else {
                plan.adds.add(new Add(jar, entry.getValue()));
            }
        }
        return plan;
    }

    /** Plans one (non-native) jar; returns the version of its library Fiji will run with. */
    private String decide(JarFacts jar, String destination, List<JarFacts> fiji) {
        boolean plugin = jar.base().equals(NERO_BASE);
        List<JarFacts> same = fiji.stream()
                .filter(f -> plugin ? f.base().equals(NERO_BASE) : f.sharesClassesWith(jar)).toList();
        if (same.isEmpty()) {
            adds.add(new Add(jar, uniqueName(jar, destination, fiji)));
            return jar.version();
        }
        String minimum = TESTED_MINIMUM.getOrDefault(jar.base(), jar.version());
        List<JarFacts> usable = same.stream().filter(f -> !plugin && !f.version().isEmpty()
                && JarFacts.compareVersions(f.version(), minimum) >= 0).toList();
        if (!usable.isEmpty()) {
            JarFacts f = usable.get(0);
            kept.add("Fiji's " + relative(f) + " instead of " + jar.fileName()
                    + (JarFacts.compareVersions(f.version(), jar.version()) >= 0 ? " (same or newer)"
                            : " (NERO runs with " + minimum + " or newer)"));
            return f.version();
        }
        for (JarFacts f : same) {
            replaces.add(new Replace(f, relative(f), jar));
            // The same library's native jars for other platforms belong to the replaced version.
            for (JarFacts n : fiji) {
                if (n.isNatives() && n.base().equals(f.base()) && n.version().equals(f.version())) {
                    replaces.add(new Replace(n, relative(n), jar));
                }
            }
        }
        adds.add(new Add(jar, destination));
        return jar.version();
    }

    /**
     * Fiji's updater tells files apart by name without version: DJL's {@code api-0.36.0.jar} next to Fiji's
     * unrelated {@code api-0.14.0.jar} would look like two versions of one file. Such a jar gets its group's last
     * name part as a prefix ({@code djl-api-0.36.0.jar}).
     */
    private String uniqueName(JarFacts jar, String destination, List<JarFacts> fiji) {
        boolean clash = fiji.stream().anyMatch(f -> f.base().equals(jar.base()) && !f.base().equals(NERO_BASE));
        if (!clash) {
            return destination;
        }
        String group = jar.group().isEmpty() ? "nero" : jar.group().substring(jar.group().lastIndexOf('.') + 1);
        if (group.equals(jar.base())) {
            group = "nero";
        }
        Path dest = Path.of(destination);
        String renamed = group + "-" + dest.getFileName();
        return dest.getParent() == null ? renamed : dest.getParent().resolve(renamed).toString();
    }

    private String name(List<JarFacts> fiji, java.util.function.Predicate<JarFacts> which) {
        return fiji.stream().filter(which).map(JarFacts::fileName).findFirst().orElse("?");
    }

    private String relative(JarFacts f) {
        return fijiDir.relativize(f.file()).toString();
    }

    static List<JarFacts> jarsUnder(Path root, String... folders) {
        List<JarFacts> jars = new ArrayList<>();
        for (String folder : folders) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted()
                        .forEach(p -> jars.add(JarFacts.read(p)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        return jars;
    }
}
