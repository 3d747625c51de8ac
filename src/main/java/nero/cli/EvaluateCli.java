package nero.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import nero.core.methods.OodMethods;
import nero.fiji.EvaluateCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "ID test set vs OOD set: AUROC, FPR@95TPR, AUPR-IN and AUPR-OUT for NERO and the baselines, ROC and histograms.")
final class EvaluateCli implements Callable<Integer> {
    @Mixin
    DetectorOptions detector;
    @Option(names = "--id", required = true, paramLabel = "DIR", description = "ID test images")
    Path id;
    @Option(names = "--ood", required = true, paramLabel = "DIR", description = "OOD images")
    Path ood;
    @Option(names = "--methods", defaultValue = OodMethods.NERO, paramLabel = "LIST|all",
            completionCandidates = MethodKeys.class,
            description = "methods, comma-separated, or 'all' (default: ${DEFAULT-VALUE}). Methods: ${COMPLETION-CANDIDATES}")
    String methods;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for metrics.csv, scores and plots")
    Path out;

    @Override
    public Integer call() {
        CommandCall.of(EvaluateCommand.class).with(detector).input("id_dir", "--id", id).input("ood_dir", "--ood", ood)
                .input("methods", "--methods", methods).input("out_dir", "--out", out).runAndPrintSummary();
        return NeroCli.OK;
    }
}
