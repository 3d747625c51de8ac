package nero.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of every command that works with a fitted detector (score, explain, evaluate), mixed into each:
 * the detector file and, optionally, another copy of its model. Options every such command gets alike go here.
 */
final class DetectorOptions implements SharedOptions {
    @Option(names = "--detector", required = true, paramLabel = "FILE", description = "detector file written by fit")
    Path detector;
    @Option(names = "--model", paramLabel = "FILE",
            description = "classifier (default: the one the detector was fitted with)")
    Path model;

    /** The commands' {@code detector} and {@code model} fields. */
    @Override
    public void addTo(CommandCall<?> call) {
        call.input("detector", "--detector", detector).input("model", "--model", model);
    }
}
