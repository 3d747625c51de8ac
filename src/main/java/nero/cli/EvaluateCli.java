package nero.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import nero.fiji.EvaluateCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "ID test set vs OOD set: AUROC, FPR@95TPR, AUPR-IN and AUPR-OUT for NERO and the baselines, ROC and histograms.")
final class EvaluateCli implements Callable<Integer> {
    @Option(names = "--detector", required = true, paramLabel = "FILE")
    Path detector;
    @Option(names = "--model", paramLabel = "FILE", description = "classifier (default: the one the detector was fitted with)")
    Path model;
    @Option(names = "--id", required = true, paramLabel = "DIR", description = "ID test images")
    Path id;
    @Option(names = "--ood", required = true, paramLabel = "DIR", description = "OOD images")
    Path ood;
    @Option(names = "--methods", defaultValue = "nero", paramLabel = "LIST|all", completionCandidates = MethodKeys.class,
            description = "methods, comma-separated, or 'all' (default: ${DEFAULT-VALUE}). Methods: ${COMPLETION-CANDIDATES}")
    String methods;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for metrics.csv, scores and plots")
    Path out;

    private static final Map<String, String> OPTIONS = Map.of("detector", "--detector", "model", "--model",
            "id_dir", "--id", "ood_dir", "--ood", "methods", "--methods", "out_dir", "--out");

    @Override
    public Integer call() {
        try (CommandRunner runner = new CommandRunner()) {
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("detector", CommandInputs.file(detector));
            in.put("model", CommandInputs.file(model));
            in.put("id_dir", CommandInputs.file(id));
            in.put("ood_dir", CommandInputs.file(ood));
            in.put("methods", methods);
            in.put("out_dir", CommandInputs.file(out));
            Summaries.print(runner.run(EvaluateCommand.class, in, OPTIONS).getOutput("summary"));
        }
        return NeroCli.OK;
    }
}
