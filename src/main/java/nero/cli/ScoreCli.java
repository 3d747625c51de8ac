package nero.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nero.app.Reports;
import nero.app.ScoreCsv;
import nero.fiji.ScoreImagesCommand;
import org.scijava.command.CommandModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score images, folders, DICOM objects and videos: OOD score, verdict and predicted class per image or still.")
final class ScoreCli implements Callable<Integer> {
    @Mixin
    DetectorOptions detector;
    @Option(names = "--methods", paramLabel = "LIST", completionCandidates = MethodKeys.class,
            description = "extra methods beside NERO, comma-separated, or 'all'; one column each. "
                    + "Methods: ${COMPLETION-CANDIDATES}")
    String methods;
    @Option(names = "--out", paramLabel = "CSV", description = "CSV file to write (default: print CSV to standard output)")
    Path out;
    @Mixin
    VectorsOption vectors;
    @Option(names = "--video-step", defaultValue = "1s", paramLabel = "STEP",
            description = "stills from videos: every N seconds (2s), every N frames (25f) or all (default: ${DEFAULT-VALUE})")
    String videoStep;
    @Mixin
    TimelineOptions timeline;
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "image files, folders, DICOM files or videos")
    List<Path> inputs;

    @Override
    public Integer call() {
        CommandCall<ScoreImagesCommand> call = CommandCall.of(ScoreImagesCommand.class).with(detector).with(vectors)
                .prepare("input", "INPUT", command -> command.setInputPaths(inputs))
                .input("methods", "--methods", methods == null ? "" : methods).input("csv", "--out", out)
                .input("video_step", "--video-step", videoStep).with(timeline);
        try (CommandRunner runner = new CommandRunner()) {
            CommandModule module = call.run(runner);
            Object summary = module.getOutput("summary");
            if (out == null) {
                // standard output is the table alone; the summary (and any skipped file) goes to stderr
                ScoreCsv.print(System.out, (Reports.Score) module.getOutput("report"));
                System.out.flush();
                System.err.println(summary);
            } else {
                Summaries.print(summary);
            }
        }
        return NeroCli.OK;
    }
}
