package nero.fiji;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nero.app.live.Pace;
import nero.app.live.Watch;
import nero.app.live.WatchStats;
import nero.app.live.WatchSummary;
import nero.core.timeline.OodSegment;

/**
 * What a watch says in words, the same in Fiji's Log and window and on the command line (which puts "nero: " before
 * each line): the source and how it is played, each segment, progress, and the summary at the end.
 */
public final class WatchText {
    private WatchText() {
    }

    /** "watching clip.mp4 (MP4/MOV, H.264 720×576 at 25 fps), in real time, …; threshold 2.8". */
    public static String describe(Watch.SourceFacts s) {
        String how = s.pace() == Pace.FAST ? "as fast as the model scores, every frame"
                : s.pace() == Pace.REALTIME ? "in real time, dropping frames when behind"
                : "live, dropping frames when behind";
        return String.format(Locale.ROOT, "watching %s (%s, %s %d×%d%s), %s; threshold %.4g", s.source(),
                s.container(), s.codec(), s.width(), s.height(),
                s.fps() > 0 ? String.format(Locale.ROOT, " at %.3g fps", s.fps()) : "", how, s.threshold());
    }

    /** "OOD segment 2: t=4.00–8.60 s (4.60 s, frames 101–215), peak 12.3 at frame 180". */
    public static String segment(OodSegment s) {
        return String.format(Locale.ROOT, "OOD segment %d: t=%.2f–%.2f s (%.2f s, frames %d–%d), peak %.4g at frame "
                + "%d%s", s.number(), s.startSeconds(), s.endSeconds(), s.durationSeconds(), s.startFrame(),
                s.endFrame(), s.peakScore(), s.peakFrame(), s.openAtEnd() ? ", open at the end" : "");
    }

    /** One progress line: where the stream is, counts, speed, latency. */
    public static String progress(WatchStats t) {
        return String.format(Locale.ROOT, "t=%.1f s: %d seen, %d scored, %d dropped, %.1f fps, latency p50 %.0f ms, "
                + "%d segment(s)", t.streamSeconds(), t.seen(), t.scored(), t.dropped(), t.scoredFps(),
                t.latencyP50Ms(), t.segments());
    }

    /**
     * The summary: counts, speed, latency, segments, how the source ended and the files written ({@code written}:
     * the outputs asked for, null ones left out).
     */
    public static List<String> summary(WatchSummary s, Path... written) {
        List<String> lines = new ArrayList<>();
        WatchStats t = s.stats();
        lines.add(String.format(Locale.ROOT, "%d frames seen, %d scored (%d OOD), %d dropped while the model was busy"
                + "%s%s%s; %.1f frames/s scored over %.1f s", t.seen(), t.scored(), t.oodFrames(), t.dropped(),
                t.skipped() > 0 ? ", " + t.skipped() + " left out by --every/--fps" : "",
                t.damaged() > 0 ? ", " + t.damaged() + " damaged (not scored)" : "",
                t.unscorable() > 0 ? ", " + t.unscorable() + " unscorable" : "", t.scoredFps(), t.elapsedSeconds()));
        if (t.scored() > 0) {
            lines.add(String.format(Locale.ROOT, "latency from arrival to verdict: p50 %.1f ms, p95 %.1f ms, p99 %.1f"
                    + " ms", t.latencyP50Ms(), s.latencyP95Ms(), s.latencyP99Ms()));
        }
        lines.add(String.format(Locale.ROOT, "%d OOD segment(s)%s", s.segments().size(),
                s.blips() > 0 ? " (and " + s.blips() + " shorter OOD run(s) left out)" : ""));
        switch (s.end()) {
            case STOPPED -> lines.add(String.format(Locale.ROOT, "stopped at t=%.2f s", t.streamSeconds()));
            case TIMED_OUT, FAILED -> {
                if (t.scored() > 0) {
                    lines.add("warning: the source stopped: " + s.endDetail() + "; the results up to there are"
                            + " complete");
                }
            }
            default -> {
            }
        }
        for (Path p : written) {
            if (p != null) {
                lines.add("wrote " + p);
            }
        }
        return lines;
    }
}
