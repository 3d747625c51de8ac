package nero.cli;

import ij.measure.ResultsTable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nero.fiji.ScoreImagesCommand;
import nero.fiji.ScoreTable;
import org.scijava.command.CommandModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score images, folders, DICOM objects and videos: OOD score, verdict and predicted class per image or still.")
final class ScoreCli implements Callable<Integer> {
    @Option(names = "--detector", required = true, paramLabel = "FILE", description = "detector file written by fit")
    Path detector;
    @Option(names = "--model", paramLabel = "FILE", description = "classifier (default: the one the detector was fitted with)")
    Path model;
    @Option(names = "--methods", paramLabel = "LIST", completionCandidates = MethodKeys.class,
            description = "extra methods beside NERO, comma-separated, or 'all'; one column each. "
                    + "Methods: ${COMPLETION-CANDIDATES}")
    String methods;
    @Option(names = "--out", paramLabel = "CSV", description = "CSV file to write (default: print CSV to standard output)")
    Path out;
    @Option(names = "--vectors", paramLabel = "DIR", description = "also write index/features/logits/relevance CSVs here")
    Path vectors;
    @Option(names = "--video-step", defaultValue = "1s", paramLabel = "STEP",
            description = "stills from videos: every N seconds (2s), every N frames (25f) or all (default: ${DEFAULT-VALUE})")
    String videoStep;
    @Option(names = "--timeline", paramLabel = "PNG", description = "for one video: draw its timeline (score over "
            + "time, threshold, OOD segments shaded, thumbnails) into this PNG")
    Path timeline;
    @Option(names = "--segments", paramLabel = "CSV", description = "for one video: write its OOD segments to this CSV")
    Path segments;
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "image files, folders, DICOM files or videos")
    List<Path> inputs;

    private static final Map<String, String> OPTIONS = Map.of("detector", "--detector", "model", "--model",
            "input", "INPUT", "methods", "--methods", "csv", "--out", "vectors_dir", "--vectors",
            "video_step", "--video-step", "timeline", "--timeline", "segments", "--segments");

    @Override
    public Integer call() {
        try (CommandRunner runner = new CommandRunner()) {
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("detector", CommandInputs.file(detector));
            in.put("model", CommandInputs.file(model));
            in.put("input", CommandInputs.joined(inputs));
            in.put("methods", methods == null ? "" : methods);
            in.put("csv", CommandInputs.file(out));
            in.put("vectors_dir", CommandInputs.file(vectors));
            in.put("video_step", videoStep);
            in.put("timeline", CommandInputs.file(timeline));
            in.put("segments", CommandInputs.file(segments));
            CommandModule module = runner.run(ScoreImagesCommand.class, in, OPTIONS);
            Object summary = module.getOutput("summary");
            if (out == null) {
                // standard output is the table alone; the summary (and any skipped file) goes to stderr
                ScoreTable.printCsv((ResultsTable) module.getOutput("results"), System.out);
                System.out.flush();
                System.err.println(summary);
            } else {
                Summaries.print(summary);
            }
        }
        return NeroCli.OK;
    }
}
