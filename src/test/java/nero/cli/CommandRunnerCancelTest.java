package nero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import org.junit.jupiter.api.Test;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;

/** A command the user stopped (cancelled without a reason) is not reported as bad input, and the reverse. */
class CommandRunnerCancelTest {
    /** Cancels itself with the reason it is given; an empty reason is how the NERO commands report a stop. */
    public static class CancellingCommand extends ContextCommand {
        @Parameter
        private String reason;

        @Override
        public void run() {
            cancel(reason);
        }
    }

    @Test
    void aCommandStoppedByTheUserIsACancel() {
        try (CommandRunner runner = new CommandRunner()) {
            assertThrows(ProgressListener.CancelledException.class,
                    () -> runner.run(CancellingCommand.class, Map.of("reason", "")));
        }
    }

    @Test
    void aCommandRefusingItsInputIsBadInputWithItsReason() {
        try (CommandRunner runner = new CommandRunner()) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> runner.run(CancellingCommand.class, Map.of("reason", "detector: no such file x.json")));
            assertEquals("detector: no such file x.json", e.getMessage());
        }
    }
}
