package nero.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.core.InvalidInputException;
import nero.io.SourceItem;
import nero.io.video.FrameSampling;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an executor expands the files of a folder listing that changed after the driver listed it. */
class PartitionItemsTest {
    @TempDir
    Path tmp;

    private static InputFile listed(long order, Path file) {
        return new InputFile(order, file.toUri().toString(), file.toString(), null);
    }

    /** The items of a partition: each item's id, and the reason its reading fails ("" when it reads). */
    private static List<String> expand(List<InputFile> files) {
        List<String> out = new ArrayList<>();
        try (PartitionItems items = new PartitionItems(files.iterator(), FrameSampling.defaults(), true,
                new Configuration())) {
            while (items.hasNext()) {
                List<PartitionItems.Tag> tags = new ArrayList<>();
                for (SourceItem item : items.chunk(PartitionItems.CHUNK, tags)) {
                    String reason = "";
                    try {
                        item.read();
                    } catch (InvalidInputException e) {
                        reason = e.getMessage();
                    }
                    out.add(item.id() + " | " + reason);
                }
            }
        }
        return out;
    }

    /**
     * A DICOM store names its files by UID, without an extension; one deleted after the listing was left out as
     * "no input" and so appeared in neither table. Now every listed file that is gone gets its skipped row.
     */
    @Test
    void aListedFileThatIsGoneWhenReadIsReportedWhateverItsName() throws IOException {
        Path dicomByUid = tmp.resolve("1.2.840.113619.2.55.3.604688119");
        Path jpeg = tmp.resolve("frame.jpg");
        Path notes = Files.writeString(tmp.resolve("README"), "a note beside the data: no input, left out");
        List<InputFile> files = List.of(listed(0, dicomByUid), listed(1, jpeg), listed(2, notes));
        // listed by the driver while they existed; gone before the executor reads them

        List<String> items = expand(files);

        assertEquals(2, items.size(), items.toString());
        assertTrue(items.get(0).startsWith(dicomByUid + " | " + dicomByUid + ": listed, but gone when read"),
                items.get(0));
        assertTrue(items.get(1).startsWith(jpeg + " | ") && items.get(1).length() > (jpeg + " | ").length(),
                items.get(1));
    }

    @Test
    void aListedFileReplacedByAFolderIsReported() throws IOException {
        Path becameFolder = Files.createDirectories(tmp.resolve("series-7"));
        List<String> items = expand(List.of(listed(0, becameFolder)));
        assertEquals(List.of(becameFolder + " | " + becameFolder + ": listed as a file, but no longer one when read"),
                items);
    }

    @Test
    void anExtensionlessFileThatIsThereButNoInputIsStillLeftOutQuietly() throws IOException {
        Path empty = Files.createFile(tmp.resolve("LOCK"));
        Path text = Files.writeString(tmp.resolve("DICOMDIR-notes"), "plain text");
        assertEquals(List.of(), expand(List.of(listed(0, empty), listed(1, text))));
    }
}
