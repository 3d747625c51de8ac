package nero.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A skipped file is reported as "path: reason" with the path said once, as the readers' messages repeat it. */
class SkippedItemTest {
    @Test
    void theFilePrefixTheReaderAddedIsDropped() {
        SkippedItem s = new SkippedItem("/d/a.jpg", "/d/a.jpg: corrupt image").withoutRepeatedId();
        assertEquals(new SkippedItem("/d/a.jpg", "corrupt image"), s);
    }

    @Test
    void aFrameIdKeepsItsFrameAndDropsTheFilePrefix() {
        SkippedItem s = new SkippedItem("/d/v.dcm#frame=3", "/d/v.dcm: Pixel Data truncated").withoutRepeatedId();
        assertEquals("Pixel Data truncated", s.reason());
        assertEquals("/d/v.dcm#frame=3", s.id());
    }

    @Test
    void otherReasonsAreKeptAsTheyAre() {
        SkippedItem s = new SkippedItem("/d/v.mp4", "/d/v.mp4 (after 3 decoded frames): unsupported");
        assertEquals(s, s.withoutRepeatedId());
        SkippedItem plain = new SkippedItem("/d/a.jpg", "empty file");
        assertEquals(plain, plain.withoutRepeatedId());
    }
}
