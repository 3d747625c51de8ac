package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;

/** A macro line's keys against a command's fields: typos and left-out required keys are named, with the valid keys. */
class MacroKeysTest {
    static Context context;
    static CommandInfo score;
    static CommandInfo evaluate;

    @BeforeAll
    static void start() {
        context = new Context(CommandService.class);
        score = context.service(CommandService.class).getCommand(ScoreImagesCommand.class);
        evaluate = context.service(CommandService.class).getCommand(EvaluateCommand.class);
    }

    @AfterAll
    static void stop() {
        context.dispose();
    }

    @Test
    void keysAreReadAsImageJWritesThem() {
        assertEquals(List.of("detector", "input", "methods", "csv"),
                MacroKeys.keys("detector=[/a b/d.json] input= methods=msp,energy csv=/t/x.csv "));
        assertEquals(List.of("detector", "flag"), MacroKeys.keys("detector=[/x=y z] flag"));
        assertEquals(List.of(), MacroKeys.keys(null));
        assertEquals(List.of("a"), MacroKeys.keys("a=[unclosed value"));
    }

    @Test
    void aCompleteLineIsAccepted() {
        assertNull(MacroKeys.problem(score, "detector=[/d.json] input=[/in] methods=all video_step=1s"));
        assertNull(MacroKeys.problem(score, "detector=/d.json"), "the optional keys may be left out");
    }

    @Test
    void aMisspelledKeyIsNamedWithTheNearestValidOneAndTheList() {
        String problem = MacroKeys.problem(score, "detectr=[/d.json] input=[/in]");
        assertTrue(problem.startsWith("Score Images: unknown key 'detectr', did you mean 'detector'?"), problem);
        assertTrue(problem.endsWith("(valid keys: detector, model, input, methods, csv, vectors_dir, video_step,"
                + " timeline, segments)"), problem);
    }

    @Test
    void anUnknownKeyIsNamed() {
        String problem = MacroKeys.problem(score, "detector=/d.json colour=red");
        assertTrue(problem.startsWith("Score Images: unknown key 'colour' (valid keys: detector,"), problem);
        assertTrue(MacroKeys.problem(score, "Detector=/d.json").contains("unknown key 'Detector', did you mean"
                + " 'detector'?"), "keys are case-sensitive, as ImageJ reads them");
    }

    @Test
    void aMissingRequiredKeyIsNamedWithItsLabel() {
        String problem = MacroKeys.problem(evaluate, "detector=/d.json id_dir=/id out_dir=/o");
        assertTrue(problem.startsWith("Evaluate OOD Detection: missing key 'ood_dir' (OOD folder) (valid keys:"),
                problem);
        assertTrue(MacroKeys.problem(score, null).contains("missing key 'detector' (Detector file)"),
                "a run(...) without options");
    }
}
