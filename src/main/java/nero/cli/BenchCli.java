package nero.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import nero.core.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures: core (fit/score of the head math), model (inference "
                + "and end-to-end throughput), video (decode frames/s), explain (seconds per image).")
final class BenchCli implements Callable<Integer> {
    private static final Map<String, String> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("core", "nero.core.bench.CoreBenchmark");
        BENCHMARKS.put("model", "nero.model.bench.ThroughputBenchmark");
        BENCHMARKS.put("video", "nero.io.bench.VideoDecodeBenchmark");
        BENCHMARKS.put("explain", "nero.app.bench.ExplainBenchmark");
    }

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
        Method main;
        try {
            main = Class.forName(cls).getMethod("main", String[].class);
        } catch (ClassNotFoundException e) {
            throw new InvalidInputException("benchmark '" + name + "' (" + cls + ") is not in the plugin jar; it is "
                    + "built with the tests: see docs/ for the command that runs it from target/test-classes");
        }
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            // the benchmark's own failure, not the reflection wrapper, is what the user needs to see
            Throwable cause = e.getCause();
            if (cause instanceof NumberFormatException nfe) {
                throw new InvalidInputException("benchmark '" + name + "': bad argument (" + nfe.getMessage() + ")");
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
        return NeroCli.OK;
    }
}
