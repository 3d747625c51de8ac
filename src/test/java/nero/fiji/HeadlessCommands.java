package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** Runs a NERO command through CommandService as a headless script does, and fails the test when it is refused. */
final class HeadlessCommands {
    private HeadlessCommands() {
    }

    /** {@code keyValues}: input name, value, name, value, … */
    static CommandModule run(CommandService commands, Class<?> command, Object... keyValues) throws Exception {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            inputs.put((String) keyValues[i], keyValues[i + 1]);
        }
        CommandModule module = commands.run(command.getName(), true, inputs).get();
        assertFalse(module.isCanceled(), () -> command.getSimpleName() + " refused: " + module.getCancelReason());
        return module;
    }
}
