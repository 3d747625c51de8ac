package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nero.core.InvalidInputException;
import nero.io.video.FrameSampling;
import org.junit.jupiter.api.Test;

class VideoStepTest {
    @Test
    void secondsFramesAndAllAreUnderstood() {
        assertEquals(FrameSampling.seconds(2), Inputs.videoStep("2s", "video_step"));
        assertEquals(FrameSampling.seconds(0.5), Inputs.videoStep(" 0.5 ", "video_step"));
        assertEquals(FrameSampling.every(25), Inputs.videoStep("25F", "video_step"));
        assertEquals(FrameSampling.every(1), Inputs.videoStep("all", "video_step"));
        assertEquals(FrameSampling.defaults(), Inputs.videoStep("", "video_step"));
    }

    @Test
    void nonsenseIsRefusedWithTheKeyAndAnExample() {
        for (String bad : new String[] {"5x", "0s", "-3f", "fast"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Inputs.videoStep(bad, "video_step"));
            assertTrue(e.getMessage().startsWith("video_step: '" + bad + "'"), e.getMessage());
        }
    }
}
