package nero.io;

import java.util.List;

/** An item a batch job reported and skipped (an unreadable file, frame or still), with the one-line reason. */
public record SkippedItem(String id, String reason) {
    /**
     * The readers' messages start with the file they refuse ("/a/b.jpg: corrupt …"), and the report names the
     * item again; this keeps the reason alone, so every line names the file once.
     */
    public SkippedItem withoutRepeatedId() {
        String why = reason == null ? "unreadable" : reason;
        for (String prefix : List.of(id, SourceItem.fileOf(id))) {
            if (why.startsWith(prefix + ": ")) {
                return new SkippedItem(id, why.substring(prefix.length() + 2));
            }
        }
        return this;
    }
}
