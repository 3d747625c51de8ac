package nero.app.live;

import java.util.Arrays;

/** Every latency of a watch (milliseconds), for percentiles; 4 bytes a frame, 360 kB an hour at 25 fps. */
final class LatencyRecorder {
    private float[] values = new float[1024];
    private int size;

    void add(double ms) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = (float) ms;
    }

    int size() {
        return size;
    }

    /** The p-th percentile (0–100, nearest rank) of all latencies, NaN when empty. */
    double percentile(double p) {
        return percentile(p, size);
    }

    /** The same over the last {@code last} latencies (progress lines: a sort of bounded cost once a second). */
    double percentile(double p, int last) {
        int n = Math.min(size, last);
        if (n == 0) {
            return Double.NaN;
        }
        float[] sorted = Arrays.copyOfRange(values, size - n, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
    }
}
