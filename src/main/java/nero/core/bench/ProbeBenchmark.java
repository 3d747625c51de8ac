package nero.core.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Random;
import nero.core.ProgressListener;
import nero.core.probe.LinearProbe;

/**
 * Prints the linear probe's fit time (wall and process CPU, the whole C search plus the final fit) on synthetic
 * ReLU-like features: N×D with C classes, for the sizes given as {@code N:D:C} arguments (default 900:1280:3, the
 * MobileNetV2 case of docs/results.md, and 2000:1280:5). Not a unit test.
 */
public final class ProbeBenchmark {
    private ProbeBenchmark() {
    }

    public static void main(String[] args) {
        String[] sizes = args.length == 0 ? new String[] {"900:1280:3", "2000:1280:5"} : args;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("ProbeBenchmark: %d CPUs, max heap %d MiB, Java %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        for (String size : sizes) {
            String[] p = size.split(":");
            int n = Integer.parseInt(p[0]);
            int d = Integer.parseInt(p[1]);
            int c = Integer.parseInt(p[2]);
            float[][] x = new float[n][];
            int[] labels = new int[n];
            features(x, labels, d, c, 1);
            long wall = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            LinearProbe probe = LinearProbe.fit(x, labels, c, ProgressListener.NONE);
            System.out.printf("N=%6d D=%5d C=%3d: %6.1f s wall, %6.1f s CPU; C=%g, training accuracy %.3f, held-out"
                    + " %.3f, converged %b%n", n, d, c, (System.nanoTime() - wall) / 1e9,
                    (os.getProcessCpuTime() - cpu) / 1e9, probe.c(), probe.trainingAccuracy(),
                    probe.heldOutAccuracy(), probe.converged());
        }
    }

    /** Class-dependent latent factors mixed into D non-negative features plus noise. */
    static void features(float[][] x, int[] labels, int d, int classes, long seed) {
        Random r = new Random(seed);
        int latent = 20;
        double[][] mix = new double[latent][d];
        for (double[] row : mix) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] centres = new double[classes][latent];
        for (double[] row : centres) {
            for (int t = 0; t < latent; t++) {
                row[t] = r.nextGaussian() * 0.5;
            }
        }
        for (int i = 0; i < x.length; i++) {
            labels[i] = i % classes;
            double[] l = new double[latent];
            for (int t = 0; t < latent; t++) {
                l[t] = centres[labels[i]][t] + r.nextGaussian();
            }
            x[i] = new float[d];
            for (int j = 0; j < d; j++) {
                double s = 2 * r.nextGaussian();
                for (int t = 0; t < latent; t++) {
                    s += l[t] * mix[t][j];
                }
                x[i][j] = (float) Math.max(0, s);
            }
        }
    }
}
