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

    @Test
    void aHashSignInTheFoldersNameIsPartOfTheFile() {
        SkippedItem s = new SkippedItem("/d/case#1/v.mp4#truncated", "/d/case#1/v.mp4: video truncated")
                .withoutRepeatedId();
        assertEquals("video truncated", s.reason());
    }

    @Test
    void theFileOfAnIdIsTheIdWithoutItsItemSuffix() {
        assertEquals("/d/a#b.jpg", SourceItem.fileOf("/d/a#b.jpg"));
        assertEquals("/d/c#1/v#2.mp4", SourceItem.fileOf("/d/c#1/v#2.mp4#frame=11@t=1.000s"));
        assertEquals("/d/c#1/v.dcm", SourceItem.fileOf("/d/c#1/v.dcm#frame=3"));
        assertEquals("/d/v.mp4", SourceItem.fileOf("/d/v.mp4#truncated"));
        assertEquals("/d/v.mp4#frame=x", SourceItem.fileOf("/d/v.mp4#frame=x"));
    }
}
