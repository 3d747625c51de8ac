package nero.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nero.core.InvalidInputException;

/**
 * The output checks of {@link OutputTargets} for jobs outside this package (live watching, a video's timeline):
 * each file writable and not one of the job's inputs, and no two outputs the same file. Before any work.
 */
public final class OutputChecks {
    private OutputChecks() {
    }

    /** {@code outputs}: what each file is ("timeline picture") → its path, null when not written. */
    public static void files(Map<String, Path> outputs, Path... inputs) {
        Map<Path, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, Path> o : outputs.entrySet()) {
            Path file = o.getValue();
            if (file == null) {
                continue;
            }
            OutputTargets.checkFile(file, o.getKey());
            OutputTargets.checkNotAnInput(file, o.getKey(), inputs);
            Path real = OutputTargets.real(file); // as the system resolves it: "..", links, case where ignored
            for (Map.Entry<Path, String> earlier : seen.entrySet()) {
                if (OutputTargets.FileNames.same(earlier.getKey(), real)) {
                    throw new InvalidInputException("the " + earlier.getValue() + " and the " + o.getKey()
                            + " are both " + file.toAbsolutePath().normalize() + "; give each its own file");
                }
            }
            seen.put(real, o.getKey());
        }
    }
}
