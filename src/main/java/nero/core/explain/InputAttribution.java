package nero.core.explain;

import nero.core.InvalidInputException;

/** Full-resolution input attributions (e.g. gradient×input) reduced to one map by summing the colour channels. */
public final class InputAttribution {
    private InputAttribution() {
    }

    /** {@code Σ_c values[c][y][x]} for a C×H×W row-major tensor. */
    public static SpatialMap sumChannels(float[] chw, int channels, int height, int width) {
        if ((long) channels * height * width != chw.length || channels <= 0) {
            throw new InvalidInputException("attribution of " + chw.length + " values is not " + channels + "×"
                    + height + "×" + width);
        }
        int hw = height * width;
        double[] out = new double[hw];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < hw; i++) {
                out[i] += chw[c * hw + i];
            }
        }
        return new SpatialMap(height, width, out);
    }
}
