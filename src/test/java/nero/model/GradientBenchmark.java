package nero.model;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * What the float64 input gradients cost (issue #13): process CPU time per gradient, float64 copy (now) against the
 * float32 module (before), on the same inputs, in one JVM. Not a test; run after {@code mvn test-compile}:
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/classpath.txt) nero.model.GradientBenchmark \
 *     ../shared/models/mobilenetv2-imagenet-nero.pt [batch=1] [repeats=5]
 * </pre>
 * CPU time, not wall time: on a shared machine other processes stretch the wall clock but not this process's CPU.
 */
public final class GradientBenchmark {
    private GradientBenchmark() {
    }

    public static void main(String[] args) {
        Path model = Path.of(args.length > 0 ? args[0] : "../shared/models/mobilenetv2-imagenet-nero.pt");
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (Classifier classifier = Classifier.load(model)) {
            int h = classifier.info().preprocessing().height();
            int w = classifier.info().preprocessing().width();
            float[][] x = Fixtures.fixedInputs(batch, 3 * h * w);
            int[] targets = new int[batch];
            for (int i = 0; i < batch; i++) {
                targets[i] = (3 * i + 1) % classifier.info().numClasses();
            }
            long start = cpuNanos();
            boolean float64 = ((TorchScriptClassifier) classifier).gradientsInFloat64();
            System.out.printf("float64 copy made and checked: %.0f ms CPU (%s)%n", (cpuNanos() - start) / 1e6,
                    float64 ? "in use" : "NOT available, float32 fallback");
            double perImage64 = msPerImage(classifier, x, targets, repeats);
            ((TorchScriptClassifier) classifier).useFloat32Gradients();
            double perImage32 = msPerImage(classifier, x, targets, repeats);
            System.out.printf("%s, batch %d, %d threads: float64 copy %.1f ms CPU per image, float32 module %.1f ms "
                    + "(×%.2f)%n", model.getFileName(), batch, Engine.inferenceThreads(), perImage64, perImage32,
                    perImage64 / perImage32);
        }
    }

    private static double msPerImage(Classifier classifier, float[][] x, int[] targets, int repeats) {
        ClassifierTest.gradients(classifier).inputGradient(x, targets, 1000); // warm-up: TorchScript's profiling run
        long start = cpuNanos();
        for (int r = 0; r < repeats; r++) {
            ClassifierTest.gradients(classifier).inputGradient(x, targets, 1000);
        }
        return (cpuNanos() - start) / 1e6 / repeats / x.length;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
