package nero.core.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nero.core.InvalidInputException;

/**
 * A stratified split of the training rows into a part to fit on and a part held out to choose C: from every class,
 * {@code round(share · n_k)} rows (at least one, and at least one left to fit on), drawn by a Fisher–Yates shuffle
 * with a fixed seed ({@link java.util.Random} is the same on every JVM). Both parts keep ascending row order.
 */
record HeldOutSplit(int[] fitRows, int[] heldOutRows) {

    static HeldOutSplit stratified(int[] labels, int classes, double share, long seed) {
        return stratified(labels, classes, share, seed, null);
    }

    /** As above; {@code names} (may be null) name the classes in messages. */
    static HeldOutSplit stratified(int[] labels, int classes, double share, long seed, List<String> names) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Random random = new Random(seed);
        boolean[] heldOut = new boolean[labels.length];
        for (int k = 0; k < classes; k++) {
            List<Integer> rows = byClass.get(k);
            if (rows.size() < 2) {
                throw new InvalidInputException(ProbeChecks.className(names, k) + " has " + rows.size()
                        + " training image(s); the"
                        + " linear probe holds out part of every class to choose its regularisation, so it needs at"
                        + " least two per class");
            }
            for (int i = rows.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = rows.get(i);
                rows.set(i, rows.get(j));
                rows.set(j, t);
            }
            int take = (int) Math.max(1, Math.min(rows.size() - 1, Math.round(share * rows.size())));
            for (int i = 0; i < take; i++) {
                heldOut[rows.get(i)] = true;
            }
        }
        int held = 0;
        for (boolean h : heldOut) {
            held += h ? 1 : 0;
        }
        int[] fit = new int[labels.length - held];
        int[] out = new int[held];
        int f = 0;
        int o = 0;
        for (int i = 0; i < labels.length; i++) {
            if (heldOut[i]) {
                out[o++] = i;
            } else {
                fit[f++] = i;
            }
        }
        return new HeldOutSplit(fit, out);
    }
}
