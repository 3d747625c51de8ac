package nero.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import nero.io.dicom.DicomReader;
import org.junit.jupiter.api.Test;

/**
 * PixelMed's own log lines (a stack trace for a damaged RT plan) are off once the DICOM reader is in use, and DJL's
 * start-up chatter is down to errors; a level the user set is kept. (Fiji's logback is checked by
 * tools/fiji-host-test.sh, which fails on DJL's start-up lines.)
 */
class LibraryLogsTest {
    @Test
    void theDicomReaderTurnsPixelMedsSimpleLoggerOff() throws Exception {
        Class.forName(DicomReader.class.getName(), true, DicomReader.class.getClassLoader());
        assertEquals("off", System.getProperty("org.slf4j.simpleLogger.log.com.pixelmed"));
    }

    @Test
    void aLevelTheUserSetIsKept() {
        String property = "org.slf4j.simpleLogger.log.nero.test.library";
        System.setProperty(property, "debug");
        try {
            LibraryLogs.quiet("nero.test.library", "off");
            assertEquals("debug", System.getProperty(property));
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void djlIsDownToErrors() {
        LibraryLogs.quietDjl();
        assertEquals("error", System.getProperty("org.slf4j.simpleLogger.log.ai.djl"));
    }
}
