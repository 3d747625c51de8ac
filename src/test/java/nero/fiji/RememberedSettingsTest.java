package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.scijava.prefs.PrefService;

/** What a NERO dialog offers the next time it opens (the preferences live under target/prefs in tests). */
class RememberedSettingsTest {
    static Context context;
    static PrefService prefs;

    @BeforeAll
    static void start() {
        context = new Context(CommandService.class, PrefService.class, ConvertService.class);
        prefs = context.service(PrefService.class);
    }

    @AfterAll
    static void stop() {
        prefs.clear(RememberedSettings.class);
        context.dispose();
    }

    @BeforeEach
    void forget() {
        prefs.clear(RememberedSettings.class);
    }

    static Module module(Class<?> command) {
        return context.service(ModuleService.class).createModule(
                context.service(CommandService.class).getCommand(command.getName()));
    }

    @Test
    void theDetectorWrittenByFitIsTheOneTheOtherDialogsOffer() {
        Module fit = module(FitDetectorCommand.class);
        fit.setInput("detector", new File("/data/colon.nero"));
        fit.setInput("model", new File("/data/resnet.pt"));
        fit.setInput("tpr", 0.9);
        RememberedSettings.store(fit, prefs);

        Module score = module(ScoreImagesCommand.class);
        RememberedSettings.recall(score, prefs, context.service(ConvertService.class));
        assertEquals(new File("/data/colon.nero"), score.getInput("detector"));
        assertNull(score.getInput("model"), "Fit's model is Fit's own: Score's model field means another model");

        Module fitAgain = module(FitDetectorCommand.class);
        RememberedSettings.recall(fitAgain, prefs, context.service(ConvertService.class));
        assertEquals(new File("/data/resnet.pt"), fitAgain.getInput("model"));
        assertEquals(0.9, (Double) fitAgain.getInput("tpr"), 0);
    }

    @Test
    void whatToScoreAndTheFilesARunWritesStartEmpty() {
        Module score = module(ScoreImagesCommand.class);
        score.setInput("input", "/data/folder");
        score.setInput("csv", new File("/tmp/scores.csv"));
        score.setInput("methods", "all");
        RememberedSettings.store(score, prefs);

        Module next = module(ScoreImagesCommand.class);
        RememberedSettings.recall(next, prefs, context.service(ConvertService.class));
        assertEquals("", next.getInput("input"));
        assertNull(next.getInput("csv"));
        assertEquals("all", next.getInput("methods"));
    }

    @Test
    void aFieldClearedInTheDialogStaysClearedAndAResolvedOneIsLeftAlone() {
        Module explain = module(ExplainImageCommand.class);
        explain.setInput("model", new File("/data/other.pt"));
        explain.setInput("out_dir", new File("/tmp/views"));
        RememberedSettings.store(explain, prefs);
        Module cleared = module(ExplainImageCommand.class);
        cleared.setInput("out_dir", new File("/tmp/views"));
        RememberedSettings.store(cleared, prefs); // model back to empty

        Module next = module(ExplainImageCommand.class);
        next.setInput("out_dir", new File("/given"));
        next.resolveInput("out_dir");
        RememberedSettings.recall(next, prefs, context.service(ConvertService.class));
        assertNull(next.getInput("model"));
        assertEquals(new File("/given"), next.getInput("out_dir"), "a value someone gave is never replaced");
    }
}
