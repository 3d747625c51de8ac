package nero.io.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nero.core.InvalidInputException;
import nero.io.FfmpegLibrary;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.source.StackPlanes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A video as a virtual stack: one slice per picture, labelled with frame number and time, decoded on demand to the
 * same pixels as {@code score}'s stills, in any order, with a cache bounded in bytes.
 */
class VideoStackTest {
    private static final Path SAMPLE = Path.of("sample-data/video/cecum-to-polyp.mp4").toAbsolutePath();
    private static final Pattern STILL = Pattern.compile("#frame=(\\d+)@t=([0-9.]+)s$");

    @TempDir
    Path tmp;

    @BeforeAll
    static void natives() {
        org.junit.jupiter.api.Assumptions.assumeTrue(FfmpegLibrary.available(), "FFmpeg natives: "
                + FfmpegLibrary.problem());
    }

    @AfterEach
    void defaultCache() {
        System.clearProperty("nero.video.cacheMB");
    }

    /** Every still of the video as {@code score --video-step all} reads it: frame number, time, RGB pixels. */
    private static List<Object[]> stills(Path video) {
        List<Object[]> out = new ArrayList<>();
        try (ImageSource source = VideoReader.open(video, FrameSampling.every(1))) {
            for (SourceItem item : source) {
                Matcher m = STILL.matcher(item.id());
                assertTrue(m.find(), item.id());
                out.add(new Object[] {Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                    ((int[]) item.read().getProcessor().getPixels()).clone()});
            }
        }
        return out;
    }

    @Test
    void theSampleVideoIsTwentySlicesWithScoresPixelsFrameNumbersAndTimes() {
        List<Object[]> stills = stills(SAMPLE);
        try (VideoStack stack = VideoStack.open(SAMPLE)) {
            ImagePlus image = stack.toImagePlus();
            assertEquals(stills.size(), image.getStackSize());
            assertEquals(20, image.getStackSize());
            assertEquals("cecum-to-polyp.mp4", image.getTitle());
            assertEquals(160, image.getWidth());
            assertEquals(0.1, image.getCalibration().frameInterval, 1e-9);
            assertEquals("frame 1, 0.000 s", stack.getSliceLabel(1));
            assertEquals("frame 20, 1.900 s", stack.getSliceLabel(20));
            for (int k = 1; k <= 20; k++) {
                assertEquals(stills.get(k - 1)[0], stack.frame(k), "slice " + k);
                assertEquals((double) stills.get(k - 1)[1], stack.seconds(k), 1e-9, "slice " + k);
                assertArrayEquals((int[]) stills.get(k - 1)[2], (int[]) stack.getProcessor(k).getPixels(),
                        "slice " + k + " has score's pixels");
                assertNull(stack.damage(k));
            }
        }
    }

    /** Far ahead (a seek to the key frame before it), back (the video again), around: always the right picture. */
    @Test
    void slicesInAnyOrderAreTheRightPicturesAndTheCacheStaysInItsBudget() throws Exception {
        Ffmpeg.require("libx264");
        Path video = Ffmpeg.write(tmp.resolve("long.mp4"), 300, "-c:v", "libx264", "-g", "25", "-bf", "2",
                "-pix_fmt", "yuv420p");
        List<Object[]> stills = stills(video);
        assertEquals(300, stills.size());
        System.setProperty("nero.video.cacheMB", "1"); // 1 MB: 12 pictures of 160×128
        try (VideoStack stack = VideoStack.open(video)) {
            assertEquals(300, stack.getSize());
            for (int k : new int[] {250, 251, 10, 299, 300, 1, 137, 136, 135, 260, 42}) {
                assertArrayEquals((int[]) stills.get(k - 1)[2], (int[]) stack.getProcessor(k).getPixels(),
                        "slice " + k);
                assertEquals(stills.get(k - 1)[0], stack.frame(k));
                assertTrue(stack.cachedPictures() <= 12, stack.cachedPictures() + " pictures cached");
            }
            // a slice handed out is a copy: drawing on it leaves the video as it is
            stack.getProcessor(42).set(0);
            assertArrayEquals((int[]) stills.get(41)[2], (int[]) stack.getProcessor(42).getPixels());
        }
    }

    /** Scored as an open image, each slice is one item named by its label, read when it is scored. */
    @Test
    void asAnOpenImageEachSliceIsAnItemWithItsTime() {
        try (VideoStack stack = VideoStack.open(SAMPLE)) {
            ImagePlus image = stack.toImagePlus();
            List<StackPlanes.Plane> planes = StackPlanes.of(image);
            assertEquals(20, planes.size());
            assertEquals("cecum-to-polyp.mp4#slice=7 (frame 7, 0.600 s)", planes.get(6).id());
            assertEquals(0.6, planes.get(6).seconds(), 1e-9);
            assertEquals(7, planes.get(6).frame());
            assertTrue(planes.get(6).timed());
        }
    }

    /**
     * Closing the image (ImageJ flushes an image when its window closes) frees the decoder and the cache; the stack
     * still reads (it opens the video again).
     */
    @Test
    void closingTheImageFreesTheCache() throws Exception {
        VideoStack stack = VideoStack.open(SAMPLE);
        ImagePlus image = stack.toImagePlus();
        stack.getProcessor(10);
        assertTrue(stack.cachedPictures() > 0);
        image.flush();
        java.awt.EventQueue.invokeAndWait(() -> { }); // ImageJ tells its listeners on the event thread
        assertEquals(0, stack.cachedPictures());
        assertEquals(160, stack.getProcessor(3).getWidth());
        stack.close();
    }

    @Test
    void whatIsNoVideoIsRefusedNamingTheFile() throws Exception {
        Path png = Files.write(tmp.resolve("a.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
            0, 0, 0, 0});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VideoStack.open(png));
        assertTrue(e.getMessage().startsWith(png + ": not a video"), e.getMessage());
        Path garbage = Files.write(tmp.resolve("b.mp4"), new byte[4096]);
        e = assertThrows(InvalidInputException.class, () -> VideoStack.open(garbage));
        assertTrue(e.getMessage().startsWith(garbage.toString()), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> VideoStack.open(tmp.resolve("missing.mp4")));
        assertTrue(e.getMessage().contains("missing.mp4"), e.getMessage());
    }
}
