package nero.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The command line's paths as the SciJava commands' inputs: absolute Files, or several paths as one String. */
final class CommandInputs {
    private CommandInputs() {
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
