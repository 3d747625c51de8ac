package nero.core.methods;

import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.InputChecks;
import nero.core.InvalidInputException;
import nero.core.StoredFields;

/** Helpers for methods that learn statistics from the ID training set. */
abstract class TrainedMethod implements OodMethod {
    protected HeadWeights head;
    protected boolean fitted;

    /** Keeps the head and reads the state's fields ({@link #read}); the method is then fitted. */
    @Override
    public final void restore(StoredFields state, HeadWeights head) {
        this.head = head;
        read(state, head);
        fitted = true;
    }

    /** Reads the fields {@link #state()} wrote, checking their sizes against {@code head}. */
    abstract void read(StoredFields state, HeadWeights head);

    protected void requireFitted() {
        if (!fitted) {
            throw new IllegalStateException(getClass().getSimpleName() + ": call fit(...) or restore(...) before scoring");
        }
    }

    /**
     * The squared length of a centred vector's coordinates in a basis: {@code Σ_k (Σ_j centred_j · basis[j][k])²},
     * the basis as rows by input dimension (ViM's null space, NECO's principal components).
     */
    static double projectedSquaredNorm(double[] centred, double[][] basis) {
        double[] y = new double[basis[0].length];
        for (int j = 0; j < centred.length; j++) {
            double a = centred[j];
            double[] v = basis[j];
            for (int k = 0; k < y.length; k++) {
                y[k] += a * v[k];
            }
        }
        double s = 0;
        for (double v : y) {
            s += v * v;
        }
        return s;
    }

    static void checkAll(FeatureSet set) {
        for (int i = 0; i < set.size(); i++) {
            InputChecks.finiteRow(set, i);
        }
    }

    static void requireLabels(FeatureSet train, int classes, String method) {
        if (train.size() < 2) {
            throw new InvalidInputException(method + " needs at least 2 training samples, got " + train.size());
        }
        for (int i = 0; i < train.size(); i++) {
            int y = train.labels()[i];
            if (y < 0 || y >= classes) {
                throw new InvalidInputException("training sample " + train.ids()[i] + " has label " + y + "; "
                        + method + " needs a ground-truth class between 0 and " + (classes - 1));
            }
        }
    }
}
