package nero.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --vectors}, mixed into fit and score: a folder for the per-image vectors as CSV. */
final class VectorsOption implements SharedOptions {
    @Option(names = "--vectors", paramLabel = "DIR", description = "also write index/features/logits/relevance CSVs here")
    Path folder;

    /** The commands' {@code vectors_dir} field. */
    @Override
    public void addTo(CommandCall<?> call) {
        call.input("vectors_dir", "--vectors", folder);
    }
}
