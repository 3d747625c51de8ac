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

    /**
     * Several paths as one command input, separated by NUL, the one character no file name can contain: paths with
     * ':' or with spaces, tabs, line breaks or '\r' in or at the end of their names arrive exactly as given.
     */
    static String joined(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().normalize().toString())
                .collect(Collectors.joining("\0", "\0", ""));
    }
}
