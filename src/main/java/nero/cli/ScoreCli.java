package nero.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "image files, folders, DICOM files or videos")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        Path csv = out;
        Path tmp = null;
        if (csv == null) {
            tmp = java.nio.file.Files.createTempFile("nero-scores", ".csv");
            csv = tmp;
        }
        try (CommandRunner runner = new CommandRunner()) {
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("detector", Paths2.file(detector));
            in.put("model", Paths2.file(model));
            in.put("input", Paths2.joined(inputs));
            in.put("methods", methods == null ? "" : methods);
            in.put("csv", Paths2.file(csv));
            in.put("vectors_dir", Paths2.file(vectors));
            in.put("video_step", videoStep);
            Object summary = runner.run(CommandRunner.SCORE, in).getOutput("summary");
            if (tmp != null) {
                System.out.print(java.nio.file.Files.readString(tmp));
                System.out.flush();
                // standard output is the table; the summary (and any skipped file) goes to stderr, without the
                // name of the temporary file the table passed through
                System.err.println(String.valueOf(summary).lines().filter(l -> !l.startsWith("table written to "))
                        .collect(java.util.stream.Collectors.joining(System.lineSeparator())));
            } else {
                System.out.println(summary);
            }
        } finally {
            if (tmp != null) {
                java.nio.file.Files.deleteIfExists(tmp);
            }
        }
        return NeroCli.OK;
    }
}
