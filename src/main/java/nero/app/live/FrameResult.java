package nero.app.live;

import nero.app.Reports;

/**
 * One scored frame: its number (1-based, from its time stamp at the stream's frame rate, as {@code score} numbers
 * video stills), its time in the stream, NERO's score row (predicted class, score and its parts, nearest class,
 * threshold, verdict; the row's id is {@code source#frame=N@t=…s}) and the latency from the frame's arrival (its data
 * read from the source, or its due time when a file is replayed in real time) to its verdict.
 */
public record FrameResult(long frame, double seconds, Reports.ScoreRow row, double latencyMs) {
    public boolean ood() {
        return row.ood();
    }
}
