package nero.core.probe;

import java.util.Arrays;
import java.util.List;
import nero.core.InvalidInputException;

/** Refusals of training sets the probe cannot be fitted on, each with a message that says what to change. */
final class ProbeChecks {
    private ProbeChecks() {
    }

    /** "class 2", or "class 'pylorus'" when the classes have names. */
    static String className(List<String> names, int k) {
        return names != null && k >= 0 && k < names.size() ? "class '" + names.get(k) + "'" : "class " + k;
    }

    static int[] trainingSet(float[][] features, int[] labels, int classes) {
        return trainingSet(features, labels, classes, null);
    }

    /** Sizes, finite values, labels in range, at least two classes and every class present. */
    static int[] trainingSet(float[][] features, int[] labels, int classes, List<String> names) {
        if (features.length == 0) {
            throw new InvalidInputException("the linear probe needs training features, but there are none");
        }
        if (labels.length != features.length) {
            throw new InvalidInputException(features.length + " training feature rows but " + labels.length
                    + " labels");
        }
        int d = features[0].length;
        if (d == 0) {
            throw new InvalidInputException("the training feature vectors are empty");
        }
        int[] counts = new int[Math.max(classes, 0)];
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != d) {
                throw new InvalidInputException("training sample " + i + " has " + features[i].length
                        + " features, the first one has " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(features[i][j])) {
                    throw new InvalidInputException("training sample " + i + ": feature " + j + " is "
                            + features[i][j] + " (NaN or infinite)");
                }
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new InvalidInputException("training sample " + i + " has class " + labels[i]
                        + ", expected a class in 0…" + (classes - 1));
            }
            counts[labels[i]]++;
        }
        int present = 0;
        for (int count : counts) {
            present += count > 0 ? 1 : 0;
        }
        if (present < 2) {
            throw new InvalidInputException("a linear probe needs training images of at least two classes, but all "
                    + features.length + " training images are of " + className(names, labels[0]) + "; give one"
                    + " folder per ID class, or keep the model's own head");
        }
        for (int k = 0; k < classes; k++) {
            if (counts[k] == 0) {
                throw new InvalidInputException("a linear probe needs training images of every class, but "
                        + className(names, k) + " has none");
            }
        }
        if (allRowsEqual(features)) {
            throw new InvalidInputException("all " + features.length + " training images have the same features, so"
                    + " no linear probe can tell the classes apart; check that the class folders hold different"
                    + " images (not copies of one picture)");
        }
        return counts;
    }

    private static boolean allRowsEqual(float[][] features) {
        for (float[] row : features) {
            if (!Arrays.equals(row, features[0])) {
                return false;
            }
        }
        return true;
    }
}
