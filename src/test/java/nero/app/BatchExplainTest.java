package nero.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import nero.view.ViewFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder's montage re-reads its most OOD items by their row ids. */
class BatchExplainTest {
    @TempDir
    Path dir;

    /** '#' is a legal character in folder and file names; only a still's own suffix (#frame=…) is not the file. */
    @Test
    void anItemIsReadAgainWhenItsPathHoldsAHashSign() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("case#12"));
        Path image = folder.resolve("x#1.png");
        ColorProcessor pixels = new ColorProcessor(5, 4);
        pixels.set(2, 1, 0x123456);
        ViewFiles.png(new ImagePlus("x", pixels), image);
        ImagePlus again = BatchExplain.read(image.toString());
        assertEquals(5, again.getWidth());
        assertEquals(0x123456, again.getProcessor().get(2, 1) & 0xffffff);

        Path video = folder.resolve("v#2.mp4");
        Files.copy(Path.of("sample-data/video/cecum-to-polyp.mp4"), video);
        assertNotNull(BatchExplain.read(video + "#frame=11@t=1.000s"));
    }
}
