package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;
import org.scijava.widget.Button;

/** Bad inputs stop each command before any model work, with one message naming the macro key (no façade needed). */
class CommandValidationTest {
    static Context context;
    static CommandService commands;
    @TempDir
    static Path dir;
    static Path detector;

    @BeforeAll
    static void start() throws Exception {
        context = new Context(CommandService.class);
        commands = context.service(CommandService.class);
        detector = Files.writeString(dir.resolve("d.nero"), "{}");
    }

    @AfterAll
    static void stop() {
        context.dispose();
    }

    static String cancelReason(Class<?> command, Object... keyValues) throws Exception {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            inputs.put((String) keyValues[i], keyValues[i + 1]);
        }
        CommandModule module = commands.run(command.getName(), true, inputs).get();
        assertTrue(module.isCanceled(), "expected the command to refuse its inputs");
        return module.getCancelReason();
    }

    @Test
    void commandsAreIndexedUnderTheNeroMenuAndHeadless() {
        for (Class<?> c : new Class<?>[] {FitDetectorCommand.class, ScoreImagesCommand.class, ExplainImageCommand.class,
            EvaluateCommand.class}) {
            CommandInfo info = commands.getCommand(c.getName());
            assertEquals("Plugins > NERO OOD > " + info.getMenuPath().getLeaf().getName(), info.getMenuPath().getMenuString());
            assertTrue(info.canRunHeadless(), c.getSimpleName());
        }
    }

    @Test
    void macroKeysAreTheDocumentedFieldNames() {
        assertEquals(List.of("model", "train_dir", "val_dir", "tpr", "detector", "vectors_dir", "k", "components", "head", "precision"), userInputs(FitDetectorCommand.class));
        assertEquals(List.of("detector", "model", "input", "image", "img", "methods", "csv", "vectors_dir", "video_step", "timeline", "segments"), userInputs(ScoreImagesCommand.class));
        assertEquals(List.of("detector", "model", "image_file", "image", "img", "out_dir", "top_n"), userInputs(ExplainImageCommand.class));
        assertEquals(List.of("detector", "model", "id_dir", "ood_dir", "methods", "out_dir"), userInputs(EvaluateCommand.class));
        for (Class<?> c : List.of(FitDetectorCommand.class, ScoreImagesCommand.class, ExplainImageCommand.class, EvaluateCommand.class)) {
            for (ModuleItem<?> item : commands.getCommand(c.getName()).inputs()) {
                if (isUserInput(item)) {
                    assertFalse(item.isPersisted(), c.getSimpleName() + "." + item.getName() + " must not be remembered between runs");
                }
            }
        }
    }

    static List<String> userInputs(Class<?> command) {
        List<String> names = new ArrayList<>();
        for (ModuleItem<?> item : commands.getCommand(command.getName()).inputs()) {
            if (isUserInput(item)) {
                names.add(item.getName());
            }
        }
        return names;
    }

    static boolean isUserInput(ModuleItem<?> item) {
        return !Service.class.isAssignableFrom(item.getType()) && item.getType() != Context.class
                && item.getVisibility() != ItemVisibility.MESSAGE && item.getType() != Button.class;
    }

    @Test
    void aMacroMayGiveEveryFieldButTheCurrentImage() {
        for (Class<?> c : List.of(FitDetectorCommand.class, ScoreImagesCommand.class, ExplainImageCommand.class,
                EvaluateCommand.class)) {
            List<String> keys = new ArrayList<>(userInputs(c));
            keys.remove("image");
            keys.remove("img");
            assertEquals(keys, MacroKeys.valid(commands.getCommand(c.getName())), c.getSimpleName());
        }
    }

    @Test
    void everyDialogHasAHelpButtonThatOpensItsSectionOfTheDocs() {
        for (Class<?> c : List.of(FitDetectorCommand.class, ScoreImagesCommand.class, ExplainImageCommand.class,
                EvaluateCommand.class)) {
            ModuleItem<?> help = commands.getCommand(c.getName()).getInput("help");
            assertEquals(Button.class, help.getType(), c.getSimpleName());
            assertEquals("openHelp", help.getCallback(), c.getSimpleName());
        }
        assertEquals(NeroCommand.DOCS + "#score-images", NeroCommand.helpPage(ScoreImagesCommand.class));
        assertEquals(NeroCommand.DOCS + "#fit-nero-detector", NeroCommand.helpPage(FitDetectorCommand.class));
        assertEquals(NeroCommand.DOCS + "#evaluate-ood-detection", NeroCommand.helpPage(EvaluateCommand.class));
    }

    @Test
    void aMessageFromADialogNamesTheFieldsByTheirLabels() {
        ScoreImagesCommand command = new ScoreImagesCommand();
        assertEquals("Detector file: no such file /x.json",
                CommandGuard.inFieldLabels(command, "detector: no such file /x.json"));
        assertEquals("Model is required", CommandGuard.inFieldLabels(command, "model is required"));
        assertEquals("Extra methods beside NERO: unknown method 'x'",
                CommandGuard.inFieldLabels(command, "methods: unknown method 'x'"));
        assertEquals("no image to score", CommandGuard.inFieldLabels(command, "no image to score"));
    }

    /**
     * The help text is also what keeps Fiji's FilePreprocessor from asking for a file (headless: cancelling) when a
     * macro leaves out an optional File such as Evaluate's model; tools/fiji-host-test.sh checks that in Fiji.
     */
    @Test
    void everyDialogStartsWithAHelpText() {
        for (Class<?> c : List.of(FitDetectorCommand.class, ScoreImagesCommand.class, ExplainImageCommand.class,
                EvaluateCommand.class)) {
            ModuleItem<?> help = commands.getCommand(c.getName()).getInput("about");
            assertEquals(ItemVisibility.MESSAGE, help.getVisibility(), c.getSimpleName());
            assertTrue(String.valueOf(help.getDefaultValue()).length() > 80, c.getSimpleName() + ": " + help.getDefaultValue());
        }
    }

    @Test
    void theScriptOnlyImageIsResolvedSoNoDialogAsksForIt() throws Exception {
        CommandModule module = commands.run(ScoreImagesCommand.class.getName(), true, Map.of("detector",
                detector.toFile(), "input", dir.toString(), "methods", "bogus")).get();
        assertTrue(module.isInputResolved("img"), "Fiji's dialog would offer the open images for img");
        assertFalse(module.isInputResolved("model"), "a typed-in field is left to the dialog");
    }

    @Test
    void scoreRejectsAnUnknownMethod() throws Exception {
        String reason = cancelReason(ScoreImagesCommand.class, "detector", detector.toFile(), "input", dir.toString(),
                "methods", "msp,bogus");
        assertTrue(reason.contains("unknown method 'bogus'"), reason);
    }

    @Test
    void scoreWithoutInputOrImageSaysWhatIsMissing() throws Exception {
        assertEquals("no image to score: give input or open an image",
                cancelReason(ScoreImagesCommand.class, "detector", detector.toFile()));
    }

    @Test
    void scoreNamesTheMissingDetector() throws Exception {
        String reason = cancelReason(ScoreImagesCommand.class, "detector", dir.resolve("none.nero").toFile(),
                "image", new ImagePlus("x", new ByteProcessor(8, 8)));
        assertTrue(reason.startsWith("detector: no such file") && reason.endsWith("none.nero"), reason);
    }

    @Test
    void scoreNamesAMissingInputPath() throws Exception {
        String reason = cancelReason(ScoreImagesCommand.class, "detector", detector.toFile(), "input",
                dir + File.pathSeparator + dir.resolve("gone"));
        assertTrue(reason.startsWith("input: no such file or folder") && reason.endsWith("gone"), reason);
    }

    @Test
    void fitRejectsATprOutsideZeroToOne() throws Exception {
        Path model = Files.writeString(dir.resolve("m.pt"), "x");
        String reason = cancelReason(FitDetectorCommand.class, "model", model.toFile(), "train_dir", dir.toFile(),
                "tpr", 1.5, "detector", dir.resolve("out.nero").toFile());
        assertTrue(reason.startsWith("tpr must be between 0 and 1"), reason);
    }

    @Test
    void fitNamesTheMissingTrainingFolder() throws Exception {
        Path model = Files.writeString(dir.resolve("m2.pt"), "x");
        String reason = cancelReason(FitDetectorCommand.class, "model", model.toFile(), "train_dir",
                dir.resolve("train").toFile(), "detector", dir.resolve("out.nero").toFile());
        assertTrue(reason.startsWith("train_dir: no such folder"), reason);
    }

    @Test
    void evaluateNamesTheMissingOodFolder() throws Exception {
        String reason = cancelReason(EvaluateCommand.class, "detector", detector.toFile(), "id_dir", dir.toFile(),
                "ood_dir", dir.resolve("ood").toFile(), "out_dir", dir.resolve("eval").toFile());
        assertTrue(reason.startsWith("ood_dir: no such folder"), reason);
    }

    @Test
    void explainWithoutImageSaysWhatIsMissing() throws Exception {
        assertEquals("no image to score: give image_file or open an image",
                cancelReason(ExplainImageCommand.class, "detector", detector.toFile(), "out_dir", dir.resolve("x").toFile()));
        assertEquals("no image to score: give image_file or open an image",
                cancelReason(ExplainImageCommand.class, "detector", detector.toFile()), "the output folder is optional");
    }
}
