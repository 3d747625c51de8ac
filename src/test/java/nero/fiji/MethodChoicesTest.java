package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import nero.core.methods.OodMethods;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

/**
 * The dialogs' method choices stay in step with the registry. SciJava takes {@code choices} as compile-time
 * constants, so they are written out; this test fails when a registered method is offered by no choice or left out
 * of the description, or when a choice names a key the registry does not know.
 */
class MethodChoicesTest {
    static Context context;
    static CommandService commands;

    @BeforeAll
    static void start() {
        context = new Context(CommandService.class);
        commands = context.service(CommandService.class);
    }

    @AfterAll
    static void stop() {
        context.dispose();
    }

    @Test
    void scoreOffersEveryMethodBesidesNero() {
        assertOffersEvery(ScoreImagesCommand.class, OodMethods.besidesNero(OodMethods.keys()));
    }

    @Test
    void evaluateOffersEveryMethod() {
        assertOffersEvery(EvaluateCommand.class, OodMethods.keys());
    }

    private static void assertOffersEvery(Class<?> command, List<String> keys) {
        ModuleItem<?> item = commands.getCommand(command.getName()).getInput("methods");
        List<String> choices = item.getChoices().stream().map(String::valueOf).toList();
        Set<String> offered = new LinkedHashSet<>();
        for (String choice : choices) {
            List<String> parsed = Inputs.methods(choice, "methods"); // refuses a key the registry does not know
            if (!choice.equals(OodMethods.ALL)) {
                offered.addAll(parsed);
            }
        }
        assertTrue(choices.contains(OodMethods.ALL), command.getSimpleName() + " offers all");
        assertEquals(Set.copyOf(keys), offered, command.getSimpleName() + ": the methods its choices offer");
        for (String key : keys) {
            assertTrue(Pattern.compile("\\b" + key + "\\b").matcher(item.getDescription()).find(),
                    command.getSimpleName() + "'s description names " + key + ": " + item.getDescription());
        }
    }
}
