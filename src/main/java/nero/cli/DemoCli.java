package nero.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nero.core.InvalidInputException;
import nero.fiji.EvaluateCommand;
import nero.fiji.ExplainImageCommand;
import nero.fiji.FitDetectorCommand;
import nero.fiji.ScoreImagesCommand;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Fit a detector on sample-data/, score its ID test and OOD images, evaluate all methods, "
                + "explain the most OOD image; everything goes under one output folder.")
final class DemoCli implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "sample-data", paramLabel = "DIR", description = "sample data folder (default: ${DEFAULT-VALUE})")
    Path data;
    @Option(names = "--out", defaultValue = "nero-demo", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws IOException {
        data = locate(data);
        Path model = data.resolve("model/nero-sample.pt");
        if (!Files.isRegularFile(model)) {
            throw new InvalidInputException("no sample model at " + model + ": give the sample data folder with --data");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidInputException("demo output " + out.toAbsolutePath().normalize()
                    + " is a file, not a folder; give another --out");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InvalidInputException("cannot create the demo output folder " + out.toAbsolutePath()
                    .normalize() + ": " + e.getMessage(), e);
        }
        Path detector = out.resolve("detector.nero");
        Path scores = out.resolve("scores.csv");
        Path evaluation = out.resolve("evaluate");
        Path explanation = out.resolve("explain");
        long start = System.nanoTime();
        try (CommandRunner runner = new CommandRunner()) {
            step("1/4 fit", runner.run(FitDetectorCommand.class, Map.of(
                    "model", CommandInputs.file(model),
                    "train_dir", CommandInputs.file(data.resolve("id/train")),
                    "val_dir", CommandInputs.file(data.resolve("id/val")),
                    "tpr", 0.95,
                    "detector", CommandInputs.file(detector),
                    "vectors_dir", CommandInputs.file(out.resolve("vectors")))).getOutput("summary"));

            Map<String, Object> score = new LinkedHashMap<>();
            score.put("detector", CommandInputs.file(detector));
            score.put("input", CommandInputs.joined(List.of(data.resolve("id/test"), data.resolve("ood"),
                    data.resolve("dicom"), data.resolve("video"))));
            score.put("methods", "msp,energy,mahalanobis,vim,knn");
            score.put("csv", CommandInputs.file(scores));
            step("2/4 score", runner.run(ScoreImagesCommand.class, score).getOutput("summary"));

            Object evaluateSummary = runner.run(EvaluateCommand.class, Map.of(
                    "detector", CommandInputs.file(detector),
                    "id_dir", CommandInputs.file(data.resolve("id/test")),
                    "ood_dir", CommandInputs.file(data.resolve("ood")),
                    "methods", "all",
                    "out_dir", CommandInputs.file(evaluation))).getOutput("summary");
            step("3/4 evaluate", evaluateSummary);

            Path mostOod = mostOodImage(scores, data.resolve("ood").toAbsolutePath().normalize());
            step("4/4 explain " + mostOod.getFileName(),
                    runner.run(ExplainImageCommand.class, Map.of(
                            "detector", CommandInputs.file(detector),
                            "image_file", mostOod.toFile(),
                            "out_dir", CommandInputs.file(explanation))).getOutput("summary"));
        }
        System.out.printf("%nDemo finished in %.1f s. Outputs in %s:%n", (System.nanoTime() - start) / 1e9,
                out.toAbsolutePath().normalize());
        System.out.println("  detector        " + detector);
        System.out.println("  scores          " + scores);
        System.out.println("  metrics, plots  " + evaluation + "/ (metrics.csv, roc.png, histogram.png)");
        System.out.println("  explanation     " + explanation + "/");
        return NeroCli.OK;
    }

    /**
     * A relative data folder that is not under the working directory is looked up in the installation the launcher
     * names ({@code -Dnero.home}), so {@code ./nero demo} works from any folder.
     */
    static Path locate(Path data) {
        String home = System.getProperty("nero.home");
        if (Files.isDirectory(data) || data.isAbsolute() || home == null || home.isBlank()) {
            return data;
        }
        Path installed = Path.of(home).resolve(data);
        return Files.isDirectory(installed) ? installed : data;
    }

    private static void step(String name, Object summary) {
        System.out.println("== " + name);
        Summaries.print(String.valueOf(summary).strip());
    }

    /** The OOD sample with the highest NERO score, from the score CSV (column path, nero_score). */
    static Path mostOodImage(Path scoresCsv, Path oodRoot) throws IOException {
        Path best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        try (Reader r = Files.newBufferedReader(scoresCsv)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                Path p = Path.of(rec.get("path"));
                double s = Double.parseDouble(rec.get("nero_score"));
                if (p.toAbsolutePath().normalize().startsWith(oodRoot) && s > bestScore && Files.isRegularFile(p)) {
                    best = p;
                    bestScore = s;
                }
            }
        }
        if (best == null) {
            throw new InvalidInputException("no OOD image was scored in " + scoresCsv);
        }
        return best;
    }
}
