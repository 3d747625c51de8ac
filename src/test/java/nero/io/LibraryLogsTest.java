package nero.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** PixelMed's own log lines (a stack trace for a damaged RT plan) are off once the DICOM reader is in use. */
class LibraryLogsTest {
    @Test
    void theDicomReaderTurnsPixelMedsSimpleLoggerOff() throws Exception {
        Class.forName(DicomReader.class.getName(), true, DicomReader.class.getClassLoader());
        assertEquals("off", System.getProperty(LibraryLogs.PIXELMED_LEVEL));
    }
}
