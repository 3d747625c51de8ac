package nero.io;

/**
 * PixelMed logs through SLF4J what it meets while parsing a damaged DICOM file, at INFO and ERROR, the latter with
 * a full stack trace; the reader reports the same problem itself in one line naming the file, so PixelMed's own
 * lines are turned off for SLF4J's simple logger (the command line's). A user who sets the property keeps theirs;
 * other SLF4J backends (Fiji's) are configured where they live.
 */
final class LibraryLogs {
    private LibraryLogs() {
    }

    static final String PIXELMED_LEVEL = "org.slf4j.simpleLogger.log.com.pixelmed";

    /** Before PixelMed's first logger is made (the simple logger reads the level when a logger is created). */
    static void quietPixelMed() {
        if (System.getProperty(PIXELMED_LEVEL) == null) {
            System.setProperty(PIXELMED_LEVEL, "off");
        }
    }
}
