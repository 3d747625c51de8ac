package nero.app.live;

/**
 * Counts so far. {@code seen}: pictures decoded; {@code scored}; {@code dropped}: selected frames replaced by a newer
 * one while the model was busy; {@code skipped}: left out by {@code --every}/{@code --fps}; {@code damaged}: damaged
 * data, not scored; {@code unscorable}: model outputs NERO cannot score. {@code streamSeconds}: time of the last
 * frame seen; {@code scoredFps}: scored frames per wall-clock second since the first frame.
 */
public record WatchStats(long seen, long scored, long dropped, long skipped, long damaged, long unscorable,
        long oodFrames, int segments, double streamSeconds, double elapsedSeconds, double scoredFps,
        double latencyP50Ms) {
}
