package nero.core.explain;

import nero.core.HeadWeights;
import nero.core.InvalidInputException;

/**
 * Class activation map (Zhou et al., CVPR 2016) for a head on global average pooling:
 * {@code CAM_c(y,x) = Σ_j W_cj A_j(y,x) / (h·w)}, which sums over the locations to {@code logit_c − b_c}.
 */
public final class ClassActivationMap {
    private ClassActivationMap() {
    }

    public static SpatialMap of(FeatureMap map, HeadWeights head, int classIndex) {
        if (head.dimension() != map.channels()) {
            throw new InvalidInputException("head expects " + head.dimension() + " features but the feature map has "
                    + map.channels() + " channels");
        }
        if (classIndex < 0 || classIndex >= head.classes()) {
            throw new InvalidInputException("class " + classIndex + " is not one of the head's " + head.classes()
                    + " classes");
        }
        float[] w = head.weight()[classIndex];
        int hw = map.locations();
        float[] a = map.values();
        double[] out = new double[hw];
        for (int j = 0; j < w.length; j++) {
            double wj = w[j] / (double) hw;
            int base = j * hw;
            for (int i = 0; i < hw; i++) {
                out[i] += wj * a[base + i];
            }
        }
        return new SpatialMap(map.height(), map.width(), out);
    }
}
