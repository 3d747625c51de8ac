package nero.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A skipped file is reported as "path: reason" with the path said once, as the readers' messages repeat it. */
class SkipReasonTest {
    @Test
    void theFilePrefixTheReaderAddedIsDropped() {
        Reports.Skipped s = Extract.withoutRepeatedId(new Reports.Skipped("/d/a.jpg", "/d/a.jpg: corrupt image"));
        assertEquals(new Reports.Skipped("/d/a.jpg", "corrupt image"), s);
    }

    @Test
    void aFrameIdKeepsItsFrameAndDropsTheFilePrefix() {
        Reports.Skipped s = Extract.withoutRepeatedId(
                new Reports.Skipped("/d/v.dcm#frame=3", "/d/v.dcm: Pixel Data truncated"));
        assertEquals("Pixel Data truncated", s.reason());
        assertEquals("/d/v.dcm#frame=3", s.id());
    }

    @Test
    void otherReasonsAreKeptAsTheyAre() {
        Reports.Skipped s = new Reports.Skipped("/d/v.mp4", "/d/v.mp4 (after 3 decoded frames): unsupported");
        assertEquals(s, Extract.withoutRepeatedId(s));
        Reports.Skipped plain = new Reports.Skipped("/d/a.jpg", "empty file");
        assertEquals(plain, Extract.withoutRepeatedId(plain));
    }
}
