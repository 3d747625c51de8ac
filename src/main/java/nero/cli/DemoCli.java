package nero.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nero.core.InvalidInputException;
import nero.core.methods.OodMethods;
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
            step("1/4 fit", CommandCall.of(FitDetectorCommand.class).input("model", null, model)
                    .input("train_dir", null, data.resolve("id/train")).input("val_dir", null, data.resolve("id/val"))
                    .input("tpr", null, 0.95).input("detector", null, detector)
                    .input("vectors_dir", null, out.resolve("vectors")).run(runner).getOutput("summary"));

            List<Path> inputs = List.of(data.resolve("id/test"), data.resolve("ood"), data.resolve("dicom"),
                    data.resolve("video"));
            step("2/4 score", CommandCall.of(ScoreImagesCommand.class).input("detector", null, detector)
                    .prepare("input", "input", command -> command.setInputPaths(inputs))
                    .input("methods", null, "msp,energy,mahalanobis,vim,knn").input("csv", null, scores)
                    .run(runner).getOutput("summary"));

            step("3/4 evaluate", CommandCall.of(EvaluateCommand.class).input("detector", null, detector)
                    .input("id_dir", null, data.resolve("id/test")).input("ood_dir", null, data.resolve("ood"))
                    .input("methods", null, OodMethods.ALL).input("out_dir", null, evaluation)
                    .run(runner).getOutput("summary"));

            Path mostOod = mostOodImage(scores, data.resolve("ood").toAbsolutePath().normalize());
            step("4/4 explain " + mostOod.getFileName(), CommandCall.of(ExplainImageCommand.class)
                    .input("detector", null, detector).input("image_file", null, mostOod)
                    .input("out_dir", null, explanation).run(runner).getOutput("summary"));
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
