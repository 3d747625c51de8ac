package nero.core.explain;

import java.util.List;
import nero.core.InvalidInputException;

/**
 * The 2-D view of the projected relevance space: training points (first two principal components) with their
 * class labels (indices into {@code classNames}), the class centroids in the same two components with the class
 * index of each, and the explained image.
 */
public record RelevanceSpace(double[][] trainingPoints, int[] trainingLabels, List<String> classNames,
        double[][] centroids, int[] centroidClasses, double[] image) {
    public RelevanceSpace {
        if (trainingPoints.length != trainingLabels.length) {
            throw new InvalidInputException("relevance space has " + trainingPoints.length + " points but "
                    + trainingLabels.length + " labels");
        }
        if (image.length < 2 || centroids.length != centroidClasses.length) {
            throw new InvalidInputException("relevance space needs a 2-D image point and a class for each centroid");
        }
    }

    /** Keeps the first two coordinates of each row (e.g. of all projected components). */
    public static double[][] firstTwo(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[] {rows[i][0], rows[i].length > 1 ? rows[i][1] : 0};
        }
        return out;
    }
}
