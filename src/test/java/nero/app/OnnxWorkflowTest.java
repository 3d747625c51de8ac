package nero.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample model's ONNX twin through the workflow: fit and score as with the .pt, the detector bound to the
 * .onnx file's SHA-256, ODIN refused by name (it needs input gradients) or left out of "all".
 */
class OnnxWorkflowTest {
    private static final Path SAMPLE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
            .resolve("sample-data");
    private static final Path ONNX = SAMPLE.resolve("model/nero-sample.onnx");

    @TempDir
    static Path tmp;
    private static Path detector;

    @BeforeAll
    static void fit() {
        detector = tmp.resolve("onnx.nero");
        new NeroWorkflow(ProgressListener.NONE).fit(new Requests.Fit(ONNX, SAMPLE.resolve("id/train"),
                SAMPLE.resolve("id/val"), 0.95, detector, null));
    }

    private static Reports.Score score(Path model, List<String> methods) {
        return new NeroWorkflow(ProgressListener.NONE).score(new Requests.Score(detector, model,
                List.of(SAMPLE.resolve("ood/dyed")), null, methods, null, null));
    }

    @Test
    void allMethodsButOdinScoreAnOnnxModel() {
        Reports.Score s = score(null, List.of("all")); // the model found through the detector
        assertFalse(s.rows().isEmpty());
        assertFalse(s.methods().contains("odin"), s.methods().toString());
        assertTrue(s.methods().contains("gradnorm") && s.methods().contains("knn"), s.methods().toString());
        assertEquals(s.methods().size(), s.rows().get(0).methodScores().size());
    }

    @Test
    void odinAskedForByNameIsRefusedWithTheReason() {
        String m = assertThrows(InvalidInputException.class, () -> score(ONNX, List.of("msp", "odin"))).getMessage();
        assertTrue(m.startsWith("method odin needs input gradients"), m);
        assertTrue(m.contains("nero-sample.onnx") && m.contains("ONNX Runtime runs inference only"), m);
    }

    @Test
    void theDetectorIsBoundToTheOnnxFile() {
        String m = assertThrows(InvalidInputException.class,
                () -> score(SAMPLE.resolve("model/nero-sample.pt"), List.of())).getMessage();
        assertTrue(m.contains("was fitted for the model ") && m.contains("nero-sample.onnx (SHA-256")
                && m.contains("nero-sample.pt is a different file"), m);
    }
}
