package nero.install;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Installs NERO into a Fiji folder, removes it again, or lays the same files out as an update-site folder.
 * Run by tools/install-fiji.sh:
 * <pre>
 *   install     OVERLAY FIJI_DIR        add NERO's jars Fiji lacks; Fiji's replaced jars go to FIJI_DIR/.nero-ood/
 *   uninstall   FIJI_DIR                remove what the last install added and put the replaced jars back
 *   plan        OVERLAY FIJI_DIR        print what install would do, change nothing
 *   update-site OVERLAY FIJI_DIR OUT    copy the jars install would add into OUT, laid out like Fiji.app
 * </pre>
 * OVERLAY is target/fiji-overlay (plugins/ and jars/ as in Fiji.app). Every run writes one report to stdout.
 */
public final class FijiInstall {
    static final String STATE_DIR = ".nero-ood";
    static final String MANIFEST = "installed.txt";
    static final String REPLACED_DIR = "replaced";

    private final PrintStream out;

    FijiInstall(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        FijiInstall installer = new FijiInstall(System.out);
        try {
            installer.run(args);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("install-fiji: " + e.getMessage());
            System.exit(2);
        }
    }

    void run(String[] args) {
        String mode = args.length > 0 ? args[0] : "";
        switch (mode) {
            case "install" -> install(existing(args, 1, "overlay"), fiji(args, 2, true));
            case "uninstall" -> uninstall(fiji(args, 1, true));
            case "plan" -> report(InstallPlan.make(existing(args, 1, "overlay"), fiji(args, 2, false)), "would");
            case "update-site" -> updateSite(existing(args, 1, "overlay"), fiji(args, 2, false), target(args, 3));
            default -> throw new IllegalArgumentException(
                    "usage: install OVERLAY FIJI_DIR | uninstall FIJI_DIR | plan OVERLAY FIJI_DIR"
                            + " | update-site OVERLAY FIJI_DIR OUT");
        }
    }

    void install(Path overlay, Path fiji) {
        if (Files.exists(fiji.resolve(STATE_DIR).resolve(MANIFEST))) {
            out.println("install-fiji: removing the previous NERO installation first");
            uninstall(fiji);
        }
        InstallPlan plan = InstallPlan.make(overlay, fiji);
        Path state = fiji.resolve(STATE_DIR);
        List<String> manifest = new ArrayList<>();
        try {
            Files.createDirectories(state.resolve(REPLACED_DIR));
            for (InstallPlan.Replace r : plan.replaces) {
                Path backup = state.resolve(REPLACED_DIR).resolve(r.path());
                Files.createDirectories(backup.getParent());
                Files.move(fiji.resolve(r.path()), backup, StandardCopyOption.REPLACE_EXISTING);
                manifest.add("replaced\t" + r.path());
                write(state.resolve(MANIFEST), manifest);
            }
            for (InstallPlan.Add a : plan.adds) {
                copy(a.jar().file(), fiji.resolve(a.destination()));
                manifest.add("added\t" + a.destination());
                write(state.resolve(MANIFEST), manifest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("installing into " + fiji + " failed (" + e.getMessage()
                    + "); run 'tools/install-fiji.sh --uninstall " + fiji + "' to undo the part that was done", e);
        }
        report(plan, "did");
        out.println("install-fiji: done; undo with: tools/install-fiji.sh --uninstall " + fiji
                + "  (state in " + state + ")");
    }

    void uninstall(Path fiji) {
        Path state = fiji.resolve(STATE_DIR);
        Path manifest = state.resolve(MANIFEST);
        if (!Files.exists(manifest)) {
            throw new IllegalArgumentException("no NERO installation recorded in " + fiji + " (" + manifest
                    + " is missing)");
        }
        try {
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t", 2);
                if (parts.length < 2) {
                    continue;
                }
                Path file = fiji.resolve(parts[1]).normalize();
                if (!file.startsWith(fiji)) {
                    throw new IllegalArgumentException("refusing a path outside " + fiji + " in " + manifest + ": "
                            + parts[1]);
                }
                if (parts[0].equals("added") && Files.deleteIfExists(file)) {
                    out.println("  removed   " + parts[1]);
                }
            }
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t", 2);
                if (parts.length == 2 && parts[0].equals("replaced")) {
                    Path backup = state.resolve(REPLACED_DIR).resolve(parts[1]);
                    if (Files.exists(backup)) {
                        Files.move(backup, fiji.resolve(parts[1]), StandardCopyOption.REPLACE_EXISTING);
                        out.println("  restored  " + parts[1]);
                    }
                }
            }
            deleteTree(state);
        } catch (IOException e) {
            throw new UncheckedIOException("uninstalling from " + fiji + " failed: " + e.getMessage(), e);
        }
        out.println("install-fiji: NERO removed from " + fiji);
    }

    void updateSite(Path overlay, Path fiji, Path target) {
        InstallPlan plan = InstallPlan.make(overlay, fiji);
        try {
            for (InstallPlan.Add a : plan.adds) {
                copy(a.jar().file(), target.resolve(a.destination()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the update-site folder " + target + ": " + e.getMessage(), e);
        }
        report(plan, "update-site");
        out.println("install-fiji: update-site files in " + target + " (upload them with Fiji's updater; a file"
                + " named like one of Fiji's, version aside, shadows it)");
    }

    private void report(InstallPlan plan, String tense) {
        String add = switch (tense) {
            case "would" -> "would add   ";
            case "update-site" -> "site file   ";
            default -> "added       ";
        };
        for (InstallPlan.Add a : plan.adds) {
            out.println("  " + add + a.destination());
        }
        for (InstallPlan.Replace r : plan.replaces) {
            out.println("  " + (tense.equals("did") ? "replaced    " : "would replace ") + r.path() + " by "
                    + r.by().fileName() + " (Fiji's version is older than NERO needs)");
        }
        for (String k : plan.kept) {
            out.println("  kept        " + k);
        }
        for (String w : plan.warnings) {
            out.println("  WARNING     " + w);
        }
        out.printf("install-fiji: %d added, %d of Fiji's replaced, %d of Fiji's kept instead of NERO's%n", plan.adds.size(),
                plan.replaces.size(), plan.kept.size());
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Path part = to.resolveSibling(to.getFileName() + ".part");
        Files.copy(from, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.write(part, lines, StandardCharsets.UTF_8);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path existing(String[] args, int i, String what) {
        if (args.length <= i) {
            throw new IllegalArgumentException("missing the " + what + " folder");
        }
        Path dir = Path.of(args[i]).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(what + ": no such folder " + dir);
        }
        return dir;
    }

    private static Path fiji(String[] args, int i, boolean write) {
        Path dir = existing(args, i, "Fiji");
        try (Stream<Path> jars = Files.isDirectory(dir.resolve("jars")) ? Files.list(dir.resolve("jars"))
                : Stream.empty()) {
            if (jars.noneMatch(p -> p.getFileName().toString().matches("ij-\\d.*\\.jar"))) {
                throw new IllegalArgumentException(dir + " is not a Fiji folder (no jars/ij-*.jar); give the"
                        + " folder that holds jars/ and plugins/ (Fiji.app)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (write && !Files.isWritable(dir.resolve("jars"))) {
            throw new IllegalArgumentException("cannot write to " + dir.resolve("jars"));
        }
        return dir;
    }

    private static Path target(String[] args, int i) {
        if (args.length <= i) {
            throw new IllegalArgumentException("missing the update-site output folder");
        }
        Path dir = Path.of(args[i]).toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new IllegalArgumentException("the update-site folder " + dir + " is not empty");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }
}
