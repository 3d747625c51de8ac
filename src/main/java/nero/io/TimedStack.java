package nero.io;

/**
 * An ImageJ stack that knows when each of its slices was recorded (a video opened as a stack): the times and frame
 * numbers its pictures are scored and drawn on a timeline with, and which pictures it has none of.
 */
public interface TimedStack {
    /** The time in seconds of slice {@code n} (1-based). */
    double seconds(int n);

    /** The frame number of slice {@code n} in its video (1-based, as {@code score} numbers video stills). */
    long frame(int n);

    /** Why slice {@code n} has no picture to score (damaged or missing in the video), or null. */
    default String damage(int n) {
        return null;
    }
}
