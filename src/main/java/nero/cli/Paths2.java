package nero.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Small conversions between picocli's paths and the SciJava commands' File/String inputs. */
final class Paths2 {
    private Paths2() {
    }

    static File file(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize().toFile();
    }

    /** Several paths as one command input, one per line (so paths containing ':' survive). */
    static String joined(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().normalize().toString())
                .collect(Collectors.joining("\n"));
    }
}
