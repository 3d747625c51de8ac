package nero.cli;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.Callable;
import nero.core.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures: core (fit/score of the head math), model (inference "
                + "and end-to-end throughput), video (decode frames/s), explain (seconds per image).")
final class BenchCli implements Callable<Integer> {
    private static final Map<String, String> BENCHMARKS = Map.of(
            "core", "nero.core.bench.CoreBenchmark",
            "model", "nero.model.bench.ThroughputBenchmark",
            "video", "nero.io.bench.VideoDecodeBenchmark",
            "explain", "nero.app.bench.ExplainBenchmark");

    @Parameters(index = "0", paramLabel = "NAME", description = "core, model, video or explain")
    String name;
    @Parameters(index = "1..*", paramLabel = "ARG", description = "arguments passed to the benchmark")
    String[] args = new String[0];

    @Override
    public Integer call() throws Exception {
        String cls = BENCHMARKS.get(name);
        if (cls == null) {
            throw new InvalidInputException("unknown benchmark '" + name + "'; choose one of " + BENCHMARKS.keySet());
        }
        Method main = Class.forName(cls).getMethod("main", String[].class);
        main.invoke(null, (Object) args);
        return NeroCli.OK;
    }
}
