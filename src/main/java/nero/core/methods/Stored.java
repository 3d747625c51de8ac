package nero.core.methods;

import nero.core.InvalidInputException;
import nero.core.StoredFields;

/** Size checks of a restored method state against the classifier head it will score with. */
final class Stored {
    private Stored() {
    }

    static void length(StoredFields stored, String field, int length, int expected) {
        if (length != expected) {
            throw new InvalidInputException("field " + stored.name(field) + " has " + length + " values per row or in"
                    + " all, expected " + expected + " for this model's head");
        }
    }
}
