package nero.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import nero.core.InvalidInputException;
import nero.core.NeroParameters;
import nero.fiji.FitDetectorCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit a NERO detector on an ID training set (one folder per class) and save it to a file.")
final class FitCli implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "classifier in the model contract: TorchScript (.pt) or ONNX (.onnx)")
    Path model;
    @Option(names = "--train", required = true, paramLabel = "DIR", description = "ID training images, one folder per class")
    Path train;
    @Option(names = "--val", paramLabel = "DIR", description = "ID validation images for the threshold (default: the training images)")
    Path val;
    @Option(names = "--tpr", defaultValue = "0.95", description = "ID true-positive rate the threshold keeps (default: ${DEFAULT-VALUE})")
    double tpr;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "detector file to write")
    Path out;
    @Mixin
    VectorsOption vectors;
    @Option(names = "--k", defaultValue = "175", paramLabel = "K",
            description = "lowest-relevance neurons in the feature-norm ratio (default: the authors' ${DEFAULT-VALUE})")
    int k;
    @Option(names = "--components", defaultValue = "0", paramLabel = "N",
            description = "PCA components (default 0 = the authors' floor(2D/3); must be below the number of training images)")
    int components;
    @Option(names = "--head", defaultValue = "model", paramLabel = "model|probe",
            description = "classification head: 'model' = the network's own final layer (default; a network trained on"
                    + " the ID classes), 'probe' = a linear head fitted on the ID training images (any backbone:"
                    + " ImageNet, self-supervised, foundation)")
    String head;
    @Option(names = "--precision", paramLabel = "fp32|bf16|int8",
            description = "number format the model runs in, recorded in the detector and used again whenever it"
                    + " scores: fp32 (default for a float model), bf16 (a TorchScript model in bfloat16, on CPUs with"
                    + " bfloat16 instructions; fp32 elsewhere, said on stderr), int8 (an int8-quantised model: the"
                    + " default for one; tools/export_for_nero.py --int8 writes one)")
    String precision;

    @Override
    public Integer call() {
        // the command reads 0 as "the authors' default" (a Fiji dialog convention); typed on the command line,
        // --k 0 is a mistake, not a request for 175
        if (k < 1) {
            throw new InvalidInputException("--k must be at least 1, got " + k + " (leave it out for the authors' "
                    + NeroParameters.AUTHORS_K + ")");
        }
        if (components < 0) {
            throw new InvalidInputException("--components must be at least 1, got " + components
                    + " (leave it out for the authors' floor(2D/3))");
        }
        CommandCall.of(FitDetectorCommand.class).input("model", "--model", model).input("train_dir", "--train", train)
                .input("val_dir", "--val", val).input("tpr", "--tpr", tpr).input("detector", "--out", out)
                .with(vectors).input("k", "--k", k).input("components", "--components", components)
                .input("head", "--head", head).input("precision", "--precision", precision == null ? "model" : precision)
                .runAndPrintSummary();
        return NeroCli.OK;
    }
}
