package nero.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import nero.fiji.ExplainImageCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain why an image is (or is not) OOD: score parts, neuron relevance, heatmaps, relevance space.")
final class ExplainCli implements Callable<Integer> {
    @Mixin
    DetectorOptions detector;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the views (PNG, TIFF, CSV)")
    Path out;
    @Option(names = "--top", defaultValue = "12", paramLabel = "N",
            description = "for a folder, DICOM or video: montage of the N most OOD images (default: ${DEFAULT-VALUE})")
    int top;
    @Parameters(index = "0", paramLabel = "IMAGE", description = "an image file; or a folder, multi-frame DICOM or video for a montage")
    Path image;

    @Override
    public Integer call() {
        CommandCall.of(ExplainImageCommand.class).with(detector).input("image_file", "IMAGE", image)
                .input("out_dir", "--out", out).input("top_n", "--top", top).runAndPrintSummary();
        return NeroCli.OK;
    }
}
