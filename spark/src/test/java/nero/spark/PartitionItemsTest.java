package nero.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import nero.core.InvalidInputException;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.source.ImageSources;
import nero.io.video.FrameSampling;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an executor expands the files of a folder listing that changed after the driver listed it, and reads its items
 * as one machine reads them.
 */
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

    /**
     * A JPEG much larger than the model input is decoded at reduced size for the model, once, as {@code score} does.
     * The executor's renamed items once did not forward {@code readForModel}: each Kvasir frame was decoded in full
     * and then again reduced (9 CPU ms per frame, the bulk of Spark's extra CPU per image, issue 25).
     */
    @Test
    void aLargeJpegIsReadForTheModelAtReducedSizeAsOnOneMachine() throws IOException {
        Path jpeg = tmp.resolve("large.jpg");
        BufferedImage image = new BufferedImage(1280, 1024, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, (x * 7 + y * 3) % 256 << 16 | (x ^ y) % 256 << 8 | (x * y) % 251);
            }
        }
        ImageIO.write(image, "jpg", jpeg.toFile());
        ImagePlus oneMachine;
        try (ImageSource source = ImageSources.open(List.of(jpeg), FrameSampling.defaults())) {
            oneMachine = source.iterator().next().readForModel(224, 224);
        }
        assertTrue(oneMachine.getWidth() < 1280, "the reader reduces this JPEG: " + oneMachine.getWidth());

        try (PartitionItems items = new PartitionItems(List.of(listed(0, jpeg)).iterator(), FrameSampling.defaults(),
                false, new Configuration())) {
            SourceItem item = items.chunk(8, new ArrayList<>()).iterator().next();
            ImagePlus onExecutor = item.readForModel(224, 224);
            assertEquals(oneMachine.getWidth(), onExecutor.getWidth());
            assertEquals(oneMachine.getHeight(), onExecutor.getHeight());
            assertArrayEquals((int[]) oneMachine.getProcessor().getPixels(),
                    (int[]) onExecutor.getProcessor().getPixels());
            assertEquals(jpeg.toString(), item.id());
        }
    }
}
