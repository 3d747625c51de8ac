package nero.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import nero.core.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Models saved in another float type run in float32 (converted when loaded), or are refused naming the type; a
 * model that cannot take NERO's input is refused naming the real cause (tools/make_model_fixtures.py
 * --dtype-models).
 */
class ModelFloatTypeTest {
    @ParameterizedTest
    @ValueSource(strings = {"float64", "float16", "bfloat16"})
    void aModelInAnotherFloatTypeRunsConvertedToFloat32(String type) throws IOException {
        JsonObject expected = JsonParser.parseString(Files.readString(Fixtures.model("dtype-expected.json")))
                .getAsJsonObject();
        JsonArray rows = expected.getAsJsonArray(type);
        float[][] x = Fixtures.fixedInputs(2, 3 * 32 * 32);
        try (Classifier c = Classifier.load(Fixtures.model("dtype-" + type + ".pt"))) {
            float[][] logits = c.logits(x);
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(rows.get(i).getAsJsonArray().get(k).getAsDouble(), logits[i][k], 1e-4,
                            type + " logit " + i + "," + k);
                }
            }
            float[][] g = c.inputGradients().orElseThrow().inputGradient(x, new int[] {0, 2}, 1.0);
            assertTrue(Double.isFinite(g[0][0]) && Double.isFinite(g[1][100]), "gradients of the converted model");
        }
    }

    @Test
    void aFloat64ModelThatCannotBeConvertedIsRefusedNamingItsType() {
        String m = assertThrows(InvalidInputException.class,
                () -> Classifier.load(Fixtures.model("dtype-float64-index-buffer.pt")).close()).getMessage();
        assertTrue(m.contains("float64") && m.contains("float32"), m);
        assertTrue(m.contains("model.float()"), m);
    }

    @Test
    void aOneChannelModelIsRefusedForItsChannelsNotItsSidecar() {
        String m = assertThrows(InvalidInputException.class,
                () -> Classifier.load(Fixtures.model("one-channel.pt")).close()).getMessage();
        assertTrue(m.contains("takes 1 channel") && m.contains("3 (RGB)"), m);
        assertFalse(m.contains("input_size"), m);
    }
}
