package nero.core;

/**
 * The classifier's final linear layer, {@code logits = weight · h + bias}.
 *
 * @param weight C×D (one row per class)
 * @param bias   C
 */
public record HeadWeights(float[][] weight, float[] bias) {
    public HeadWeights {
        if (weight.length == 0 || weight.length != bias.length) {
            throw new InvalidInputException("head weight has " + weight.length + " rows but bias has " + bias.length
                    + " entries");
        }
        int d = weight[0].length;
        for (float[] row : weight) {
            if (row.length != d) {
                throw new InvalidInputException("head weight rows differ in length (" + d + " vs " + row.length + ")");
            }
        }
    }

    public int classes() {
        return weight.length;
    }

    public int dimension() {
        return weight[0].length;
    }
}
