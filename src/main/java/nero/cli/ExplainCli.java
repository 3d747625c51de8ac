package nero.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import nero.fiji.ExplainImageCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain why an image is (or is not) OOD: score parts, neuron relevance, heatmaps, relevance space.")
final class ExplainCli implements Callable<Integer> {
    @Option(names = "--detector", required = true, paramLabel = "FILE")
    Path detector;
    @Option(names = "--model", paramLabel = "FILE", description = "classifier (default: the one the detector was fitted with)")
    Path model;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the views (PNG, TIFF, CSV)")
    Path out;
    @Option(names = "--top", defaultValue = "12", paramLabel = "N",
            description = "for a folder, DICOM or video: montage of the N most OOD images (default: ${DEFAULT-VALUE})")
    int top;
    @Parameters(index = "0", paramLabel = "IMAGE", description = "an image file; or a folder, multi-frame DICOM or video for a montage")
    Path image;

    private static final Map<String, String> OPTIONS = Map.of("detector", "--detector", "model", "--model",
            "image_file", "IMAGE", "out_dir", "--out", "top_n", "--top");

    @Override
    public Integer call() {
        try (CommandRunner runner = new CommandRunner()) {
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("detector", CommandInputs.file(detector));
            in.put("model", CommandInputs.file(model));
            in.put("image_file", CommandInputs.file(image));
            in.put("out_dir", CommandInputs.file(out));
            in.put("top_n", top);
            Summaries.print(runner.run(ExplainImageCommand.class, in, OPTIONS).getOutput("summary"));
        }
        return NeroCli.OK;
    }
}
