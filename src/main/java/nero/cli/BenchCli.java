package nero.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import nero.app.bench.ExplainBenchmark;
import nero.app.bench.FitMemoryBenchmark;
import nero.app.bench.LiveBenchmark;
import nero.core.InvalidInputException;
import nero.core.bench.CoreBenchmark;
import nero.core.bench.ProbeBenchmark;
import nero.io.bench.VideoDecodeBenchmark;
import nero.model.bench.FastPathBenchmark;
import nero.model.bench.ThroughputBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures: core (fit/score of the head math), model (inference "
                + "and end-to-end throughput of a .pt or .onnx model), paths (fast paths side by side: TorchScript, "
                + "frozen, ONNX, bf16, int8), video (decode frames/s), explain (seconds per image), probe (fit time "
                + "of the linear probe), fit-memory (driver heap of a fit from features, per N images), live (a 25 fps UDP stream "
                + "scored by NERO Live: fps, drops, latency). "
                + "`./nero bench spark` runs tools/spark-bench.sh.")
final class BenchCli implements Callable<Integer> {
    /** A benchmark program: its main method. */
    private interface Benchmark {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("core", CoreBenchmark::main);
        BENCHMARKS.put("model", ThroughputBenchmark::main);
        BENCHMARKS.put("paths", FastPathBenchmark::main);
        BENCHMARKS.put("video", VideoDecodeBenchmark::main);
        BENCHMARKS.put("explain", ExplainBenchmark::main);
        BENCHMARKS.put("fit-memory", FitMemoryBenchmark::main);
        BENCHMARKS.put("probe", ProbeBenchmark::main);
        BENCHMARKS.put("live", LiveBenchmark::main);
    }

    @Parameters(index = "0", paramLabel = "NAME", description = "core, model, paths, video, explain, probe, fit-memory or live")
    String name;
    @Parameters(index = "1..*", paramLabel = "ARG", description = "arguments passed to the benchmark")
    String[] args = new String[0];

    @Override
    public Integer call() throws Exception {
        Benchmark benchmark = BENCHMARKS.get(name);
        if (benchmark == null) {
            throw new InvalidInputException("unknown benchmark '" + name + "'; choose one of " + BENCHMARKS.keySet());
        }
        try {
            benchmark.run(args);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("benchmark '" + name + "': bad argument (" + e.getMessage() + ")");
        }
        return NeroCli.OK;
    }
}
