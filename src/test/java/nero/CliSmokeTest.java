package nero;

import static org.junit.jupiter.api.Assertions.assertEquals;

import nero.cli.NeroCli;
import org.junit.jupiter.api.Test;

class CliSmokeTest {
    @Test
    void helpExitsWithZero() {
        assertEquals(0, NeroCli.execute("--help"));
    }

    @Test
    void unknownBenchmarkIsBadInput() {
        assertEquals(2, NeroCli.execute("bench", "no-such-benchmark"));
    }

    @Test
    void unknownSubcommandIsBadUsage() {
        assertEquals(2, NeroCli.execute("no-such-command"));
    }
}
