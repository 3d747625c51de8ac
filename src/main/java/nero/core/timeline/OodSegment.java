package nero.core.timeline;

/**
 * One stretch of OOD frames. {@code start} is the first OOD frame, {@code end} the last one; the stretch covers
 * {@code startSeconds} up to {@code endSeconds}, which is the last OOD frame's time plus one frame period (a single
 * frame lasts one period), so {@code durationSeconds = endSeconds − startSeconds}. {@code oodFrames} counts the OOD
 * frames scored in it (fewer than the frames it spans when frames were skipped, dropped or scored ID inside a
 * tolerated gap); {@code openAtEnd}: the source ended (or was stopped) while this segment was still open.
 */
public record OodSegment(int number, long startFrame, double startSeconds, long endFrame, double endSeconds,
        double peakScore, long peakFrame, double peakSeconds, int oodFrames, boolean openAtEnd) {

    public double durationSeconds() {
        return endSeconds - startSeconds;
    }
}
