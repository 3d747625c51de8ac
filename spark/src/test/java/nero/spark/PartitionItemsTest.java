package nero.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import nero.io.FrameSampling;
import nero.io.ImageSource;
import nero.io.ImageSources;
import nero.io.SourceItem;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An executor reads a partition's items as one machine reads them. */
class PartitionItemsTest {
    @TempDir
    Path tmp;

    /**
     * A JPEG much larger than the model input is decoded at reduced size for the model, once: before the fix the
     * executor's items decoded it in full (and then again reduced), which cost Spark 9 CPU ms per Kvasir frame.
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
        try (ImageSource source = ImageSources.open(List.of(jpeg), FrameSampling.parse("1s", "--video-step"))) {
            oneMachine = source.iterator().next().readForModel(224, 224);
        }
        assertTrue(oneMachine.getWidth() < 1280, "the reader reduces this JPEG: " + oneMachine.getWidth());

        InputFile file = new InputFile(0, jpeg.toUri().toString(), jpeg.toString(), null);
        try (PartitionItems items = new PartitionItems(List.of(file).iterator(),
                FrameSampling.parse("1s", "--video-step"), false, new Configuration())) {
            List<PartitionItems.Tag> tags = new ArrayList<>();
            SourceItem item = items.chunk(8, tags).iterator().next();
            ImagePlus onExecutor = item.readForModel(224, 224);
            assertEquals(oneMachine.getWidth(), onExecutor.getWidth());
            assertEquals(oneMachine.getHeight(), onExecutor.getHeight());
            assertArrayEquals((int[]) oneMachine.getProcessor().getPixels(), (int[]) onExecutor.getProcessor().getPixels());
            assertEquals(jpeg.toString(), item.id());
        }
    }
}
