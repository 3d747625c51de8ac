package nero.io;

/** An item a batch job reported and skipped (an unreadable file, frame or still), with the one-line reason. */
public record SkippedItem(String id, String reason) {
}
