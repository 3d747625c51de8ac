package nero.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model can break the contract gives one clear message saying what is wrong and how to fix it. */
class ContractRefusalTest {
    @TempDir
    Path tmp;

    private static String refusal(Path model) {
        return assertThrows(InvalidInputException.class, () -> Classifier.load(model).close()).getMessage();
    }

    @Test
    void missingFeaturesMethod() {
        String m = refusal(Fixtures.model("refuse-no-features.pt"));
        assertTrue(m.contains("no exported method `features`"), m);
        assertTrue(m.contains("tools/export_for_nero.py"), m);
    }

    @Test
    void missingHeadParameters() {
        String m = refusal(Fixtures.model("refuse-no-head.pt"));
        assertTrue(m.contains("no final linear layer"), m);
        assertTrue(m.contains("out.weight"), m); // shows the parameter names it does have
        assertTrue(m.contains("\"head\""), m);
    }

    @Test
    void headNamedInTheSidecarIsUsed() throws IOException {
        Path model = copy("refuse-no-head.pt", "named-head.pt");
        Files.writeString(tmp.resolve("named-head.json"), sidecar("\"out\"", 3, 32, false));
        try (Classifier c = Classifier.load(model)) {
            assertEquals(8, c.head().dimension());
            assertEquals(List.of("c0", "c1", "c2"), c.info().classNames());
        }
    }

    @Test
    void featureSizeDiffersFromHeadInput() {
        String m = refusal(Fixtures.model("refuse-feature-size.pt"));
        assertTrue(m.contains("gives 6 values per image but the final layer takes 8"), m);
    }

    @Test
    void featuresFromTheWrongLayer() {
        String m = refusal(Fixtures.model("refuse-feature-layer.pt"));
        assertTrue(m.contains("does not reproduce `forward`"), m);
    }

    @Test
    void sidecarPromisesAFeatureMapTheModelLacks() {
        String m = refusal(Fixtures.model("refuse-missing-map.pt"));
        assertTrue(m.contains("has_feature_map=true") && m.contains("no method `feature_map`"), m);
    }

    @Test
    void notATorchScriptFile() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.pt"), "this is not a model");
        assertTrue(refusal(text).contains("is not a TorchScript model (it is not a zip archive)"));
        Path zip = tmp.resolve("other.pt");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0});
        assertTrue(refusal(zip).contains("is not a TorchScript model (PyTorch could not load it"));
        assertTrue(refusal(tmp.resolve("absent.pt")).contains("does not exist"));
    }

    @Test
    void wrongSidecars() throws IOException {
        Path model = copy("tiny-cnn.pt", "m.pt");
        Path json = tmp.resolve("m.json");
        Files.writeString(json, "{ not json");
        assertTrue(refusal(model).contains("not valid JSON"));
        Files.writeString(json, sidecar("\"fc\"", 5, 64, true).replace("nero-model", "other"));
        assertTrue(refusal(model).contains("\"format\" is \"other\""));
        Files.writeString(json, sidecar("\"fc\"", 5, 64, true).replace("\"version\":1", "\"version\":7"));
        assertTrue(refusal(model).contains("\"version\" is 7"));
        Files.writeString(json, sidecar("\"fc\"", 4, 64, true));
        assertTrue(refusal(model).contains("has 5 outputs but its sidecar m.json names 4 classes"));
        Files.writeString(json, sidecar("\"fc\"", 5, 64, true).replace("\"feature_dim\":192", "\"feature_dim\":100"));
        assertTrue(refusal(model).contains("feature_dim=100"));
        Files.writeString(json, sidecar("\"fc\"", 5, 64, true).replace("[64,64]", "[0,64]"));
        assertTrue(refusal(model).contains("\"input_size\""));
        Files.writeString(json, sidecar("\"fc\"", 5, 64, true).replace("OTHER_CNN", "LSTM"));
        assertTrue(refusal(model).contains("\"family\""));
        Files.writeString(json, sidecar("\"nothere\"", 5, 64, true));
        assertTrue(refusal(model).contains("`nothere.weight`"));
    }

    @Test
    void foreignLibtorchIsDetectedFromTheMemoryMap() {
        Path cache = Path.of("/home/u/.djl.ai");
        String ours = "7f00-7f01 r-xp 00000000 08:01 1 /home/u/.djl.ai/pytorch/2.7.1-cpu/libtorch_cpu.so";
        String theirs = "7f02-7f03 r-xp 00000000 08:01 2 /opt/fiji/engines/torch/lib/libtorch_cpu.so";
        assertNull(Engine.foreignLibtorch(List.of(ours, "7f04-7f05 r--p 0 0:0 0 [heap]"), cache, null));
        assertEquals("/opt/fiji/engines/torch/lib/libtorch_cpu.so",
                Engine.foreignLibtorch(List.of(ours, theirs), cache, null));
        assertNull(Engine.foreignLibtorch(List.of(theirs), cache, "/opt/fiji/engines/torch/lib"));
    }

    private Path copy(String fixture, String name) throws IOException {
        return Files.copy(Fixtures.model(fixture), tmp.resolve(name));
    }

    private static String sidecar(String head, int classes, int size, boolean map) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < classes; i++) {
            names.append(i == 0 ? "" : ",").append("\"c").append(i).append('"');
        }
        int dim = size == 64 ? 192 : 8;
        return "{\"format\":\"nero-model\",\"version\":1,\"architecture\":\"tiny-cnn\",\"family\":\"OTHER_CNN\","
                + "\"class_names\":[" + names + "],\"input_size\":[" + size + "," + size + "],"
                + "\"mean\":[0.5,0.5,0.5],\"std\":[0.25,0.25,0.25],\"head\":" + head + ",\"feature_dim\":" + dim
                + ",\"has_feature_map\":" + map + "}";
    }
}
