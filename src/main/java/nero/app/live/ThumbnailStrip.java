package nero.app.live;

import java.util.ArrayList;
import java.util.List;
import nero.view.TimelinePicture;

/**
 * Thumbnails for the timeline's strip, at most {@code max} of them spread over however long the stream lasts: one
 * every {@code interval} seconds, and when that makes too many, every other one is let go and the interval doubles.
 */
final class ThumbnailStrip {
    private final int max;
    private double interval;
    private double nextDue = Double.NEGATIVE_INFINITY;
    private final List<TimelinePicture.Thumbnail> kept = new ArrayList<>();

    ThumbnailStrip(int max, double interval) {
        this.max = max;
        this.interval = interval;
    }

    /** Whether a frame at {@code seconds} should give a thumbnail (then call {@link #add}). */
    boolean wants(double seconds) {
        return seconds >= nextDue;
    }

    void add(TimelinePicture.Thumbnail t) {
        kept.add(t);
        nextDue = t.seconds() + interval;
        if (kept.size() > max) {
            List<TimelinePicture.Thumbnail> half = new ArrayList<>();
            for (int i = 0; i < kept.size(); i += 2) {
                half.add(kept.get(i));
            }
            kept.clear();
            kept.addAll(half);
            interval *= 2;
            nextDue = kept.get(kept.size() - 1).seconds() + interval;
        }
    }

    List<TimelinePicture.Thumbnail> thumbnails() {
        return List.copyOf(kept);
    }

    /** Model input pixels ({@code width × height}, packed ARGB) at half size (2×2 means), shown at {@code aspect}. */
    static TimelinePicture.Thumbnail halfSize(double seconds, int[] pixels, int width, int height, double aspect) {
        int w = Math.max(1, width / 2);
        int h = Math.max(1, height / 2);
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int p = pixels[Math.min(height - 1, 2 * y + dy) * width + Math.min(width - 1, 2 * x + dx)];
                        r += p >> 16 & 0xff;
                        g += p >> 8 & 0xff;
                        b += p & 0xff;
                    }
                }
                out[y * w + x] = 0xff000000 | (r / 4) << 16 | (g / 4) << 8 | (b / 4);
            }
        }
        return new TimelinePicture.Thumbnail(seconds, out, w, h, aspect);
    }
}
