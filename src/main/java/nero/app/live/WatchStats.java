package nero.app.live;

/**
 * Counts so far. {@code seen}: pictures decoded; {@code scored}; {@code dropped}: selected frames replaced by a newer
 * one while the model was busy; {@code skipped}: left out by {@code --every}/{@code --fps}; {@code damaged}: damaged
 * data, not scored; {@code unscorable}: model outputs NERO cannot score. {@code streamSeconds}: time of the last
 * frame seen; {@code elapsedSeconds}: wall-clock time from the first frame's arrival (in a summary: to the last
 * verdict); {@code scoredFps}: scored frames per second of it; {@code latencyP50Ms}: the median latency (of the last
 * 1000 frames in progress reports, of all in the summary).
 */
public record WatchStats(long seen, long scored, long dropped, long skipped, long damaged, long unscorable,
        long oodFrames, int segments, double streamSeconds, double elapsedSeconds, double scoredFps,
        double latencyP50Ms) {
}
