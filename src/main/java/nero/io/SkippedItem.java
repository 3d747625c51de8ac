package nero.io;

import java.util.List;
import java.util.Locale;

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

    /**
     * The skip list as the commands print it: {@code skipped N file(s):}, then one indented {@code id: reason} line
     * per item (a line break inside a file name is written as \n, so each item stays one line); "" when none.
     */
    public static String listing(List<SkippedItem> skipped) {
        if (skipped.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "skipped %d file(s):", skipped.size()));
        for (SkippedItem s : skipped) {
            text.append(System.lineSeparator()).append("  ").append(oneLine(s.id())).append(": ")
                    .append(oneLine(s.reason()));
        }
        return text.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
