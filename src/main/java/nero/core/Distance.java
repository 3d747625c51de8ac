package nero.core;

/** Distance from a projected relevance vector to a class centroid. {@link #L1} is the authors'. */
public enum Distance {
    L1, L2,
    /** 1 − cosine similarity; 1 when either vector is zero. */
    COSINE;

    public double between(double[] a, double[] b) {
        switch (this) {
            case L1: {
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                    s += Math.abs(a[i] - b[i]);
                }
                return s;
            }
            case L2: {
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                    double d = a[i] - b[i];
                    s += d * d;
                }
                return Math.sqrt(s);
            }
            default: {
                double dot = 0, na = 0, nb = 0;
                for (int i = 0; i < a.length; i++) {
                    dot += a[i] * b[i];
                    na += a[i] * a[i];
                    nb += b[i] * b[i];
                }
                if (na == 0 || nb == 0) {
                    return 1;
                }
                return 1 - dot / Math.sqrt(na * nb);
            }
        }
    }
}
