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

    /** The p-th percentile (0–100, nearest rank), NaN when empty. */
    double percentile(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        float[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
