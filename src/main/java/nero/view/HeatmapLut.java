package nero.view;

import java.awt.image.IndexColorModel;
import ij.plugin.LutLoader;

/** The colour scales of the heatmaps: sequential for relevance, diverging (blue–white–red) for deviations. */
public enum HeatmapLut {
    /** ImageJ's "fire": low = black/blue, high = yellow/white. */
    SEQUENTIAL,
    /** Symmetric around zero: negative = blue, zero = white, positive = red. */
    DIVERGING;

    public IndexColorModel colorModel() {
        return this == SEQUENTIAL ? LutLoader.getLut("fire") : blueWhiteRed();
    }

    /** Value range mapped onto the 256 LUT entries. */
    public double[] range(double min, double max) {
        if (this == DIVERGING) {
            double m = Math.max(Math.abs(min), Math.abs(max));
            return m == 0 ? new double[] {-1, 1} : new double[] {-m, m};
        }
        return max > min ? new double[] {min, max} : new double[] {min, min + 1};
    }

    private static IndexColorModel blueWhiteRed() {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            double t = (i - 127.5) / 127.5; // −1 … 1
            int fade = (int) Math.round(255 * (1 - Math.abs(t)));
            r[i] = (byte) (t < 0 ? fade : 255);
            g[i] = (byte) fade;
            b[i] = (byte) (t > 0 ? fade : 255);
        }
        return new IndexColorModel(8, 256, r, g, b);
    }
}
