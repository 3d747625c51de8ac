package nero.model;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths to the committed model fixtures (tools/make_model_fixtures.py) and to the shared read-only data. */
final class Fixtures {
    private Fixtures() {
    }

    static Path basedir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    static Path model(String name) {
        return basedir().resolve("src/test/resources/model").resolve(name);
    }

    static Path shared(String first, String... more) {
        return basedir().resolve("..").resolve("shared").resolve(Path.of(first, more)).normalize();
    }

    static JsonObject expected() throws IOException {
        return JsonParser.parseString(Files.readString(model("tiny-cnn-expected.json"))).getAsJsonObject();
    }

    /** The fixed inputs of the fixture script: sin(0.01·i + n)·2 in double, then float. */
    static float[][] fixedInputs(int n, int sampleSize) {
        float[][] x = new float[n][sampleSize];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < sampleSize; i++) {
                x[s][i] = (float) (Math.sin(0.01 * i + s) * 2.0);
            }
        }
        return x;
    }
}
