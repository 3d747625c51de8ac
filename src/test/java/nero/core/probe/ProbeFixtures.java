package nero.core.probe;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** The scikit-learn reference fixtures (tools/make_probe_fixtures.py) and small synthetic training sets. */
final class ProbeFixtures {
    private ProbeFixtures() {
    }

    /** Labelled feature rows. */
    record Labelled(float[][] features, int[] labels, int classes) {
    }

    static Path file(String name) {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
                .resolve("src/test/resources/probe").resolve(name);
    }

    static Labelled features(String caseName) throws IOException {
        List<String> lines = Files.readAllLines(file(caseName + "-features.csv"));
        float[][] x = new float[lines.size()][];
        int[] labels = new int[lines.size()];
        int classes = 0;
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            labels[i] = Integer.parseInt(cells[0]);
            classes = Math.max(classes, labels[i] + 1);
            x[i] = new float[cells.length - 1];
            for (int j = 1; j < cells.length; j++) {
                x[i][j - 1] = Float.parseFloat(cells[j]);
            }
        }
        return new Labelled(x, labels, classes);
    }

    static JsonObject expected(String caseName) throws IOException {
        return JsonParser.parseString(Files.readString(file(caseName + "-expected.json"))).getAsJsonObject();
    }

    /**
     * {@code n} rows of {@code d} ReLU-like features, classes taking turns, class centres {@code separation}
     * apart in a few latent directions (seeded, so the same on every run).
     */
    static Labelled synthetic(int n, int d, int classes, double separation, long seed) {
        Random r = new Random(seed);
        int latent = 5;
        double[][] mix = new double[latent][d];
        for (double[] row : mix) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] centres = new double[classes][latent];
        for (double[] row : centres) {
            for (int t = 0; t < latent; t++) {
                row[t] = r.nextGaussian() * separation;
            }
        }
        float[][] x = new float[n][d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            double[] l = new double[latent];
            for (int t = 0; t < latent; t++) {
                l[t] = centres[labels[i]][t] + r.nextGaussian();
            }
            for (int j = 0; j < d; j++) {
                double s = r.nextGaussian();
                for (int t = 0; t < latent; t++) {
                    s += l[t] * mix[t][j];
                }
                x[i][j] = (float) Math.max(0, s + 1);
            }
        }
        return new Labelled(x, labels, classes);
    }
}
