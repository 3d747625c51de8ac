package nero.core.methods;

import nero.core.InvalidInputException;
import nero.core.StoredFields;

/** Reading a restored method state with its sizes checked against the classifier head it will score with. */
final class Stored {
    private Stored() {
    }

    /** The stored vector {@code field}, refused unless it has {@code expected} values. */
    static double[] vector(StoredFields stored, String field, int expected) {
        double[] values = stored.doubles(field);
        length(stored, field, values.length, expected);
        return values;
    }

    /** The stored matrix {@code field}, refused unless every row has {@code rowLength} values. */
    static double[][] rows(StoredFields stored, String field, int rowLength) {
        double[][] rows = stored.doubleMatrix(field);
        for (double[] row : rows) {
            length(stored, field, row.length, rowLength);
        }
        return rows;
    }

    static void length(StoredFields stored, String field, int length, int expected) {
        if (length != expected) {
            throw new InvalidInputException("field " + stored.name(field) + " has " + length + " values per row or in"
                    + " all, expected " + expected + " for this model's head");
        }
    }
}
