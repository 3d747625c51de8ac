package nero.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import nero.core.InvalidInputException;
import nero.io.Fixtures;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.table.CsvTables;
import nero.io.video.FrameSampling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSourcesTest {
    @TempDir
    Path dir;

    private Path image(String relative, String format) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        BufferedImage bi = new BufferedImage(12, 9, BufferedImage.TYPE_INT_RGB);
        bi.setRGB(3, 4, 0xff8040);
        ImageIO.write(bi, format, p.toFile());
        return p;
    }

    private static List<SourceItem> items(ImageSource src) {
        List<SourceItem> all = new ArrayList<>();
        try (src) {
            src.forEach(all::add);
        }
        return all;
    }

    @Test
    void readsEachPlainImageFormat() throws Exception {
        for (String format : List.of("png", "jpeg", "tiff", "bmp", "gif")) {
            Path p = image("one." + format, format);
            List<SourceItem> items = items(ImageSources.open(p));
            assertEquals(1, items.size(), format);
            assertEquals(p.toString(), items.get(0).id());
            ImagePlus imp = items.get(0).read();
            assertEquals(12, imp.getWidth(), format);
            assertEquals(9, imp.getHeight(), format);
        }
    }

    @Test
    void folderIsRecursiveSortedAndSkipsOtherFiles() throws Exception {
        image("b/z.png", "png");
        image("a.png", "png");
        image("b/c/y.jpg", "jpeg");
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Files.createFile(dir.resolve("empty.txt"));
        Files.createFile(dir.resolve("b/zz_empty.png"));
        Fixtures.writeDicom(dir.resolve("b/scan.dcm"), new Fixtures.Spec());
        List<String> ids = items(ImageSources.open(dir)).stream().map(SourceItem::id).toList();
        assertEquals(List.of(dir.resolve("a.png").toString(), dir.resolve("b/c/y.jpg").toString(),
                dir.resolve("b/scan.dcm").toString(), dir.resolve("b/z.png").toString(),
                dir.resolve("b/zz_empty.png").toString()), ids);
    }

    @Test
    void imageFolderLabelsByFirstLevelFolder() throws Exception {
        image("train/dog/x/1.png", "png");
        image("train/cat/2.png", "png");
        image("train/cat/3.png", "png");
        ImageFolderSource src = ImageSources.imageFolder(dir.resolve("train"));
        assertEquals(List.of("cat", "dog"), src.classNames());
        List<SourceItem> items = items(src);
        assertEquals(List.of("cat", "cat", "dog"), items.stream().map(SourceItem::label).toList());
        assertEquals(1, src.labelIndex("dog"));
    }

    @Test
    void imageFolderRefusesEmptyClassAndMissingClasses() throws Exception {
        image("t/cat/1.png", "png");
        Files.createDirectories(dir.resolve("t/dog"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageSources.imageFolder(dir.resolve("t")));
        assertTrue(e.getMessage().contains("'dog'"), e.getMessage());
        image("flat/1.png", "png");
        assertThrows(InvalidInputException.class, () -> ImageSources.imageFolder(dir.resolve("flat")));
        assertThrows(InvalidInputException.class, () -> ImageSources.imageFolder(dir.resolve("missing")));
    }

    @Test
    void folderOfStillsKnowsItsSizeForTheProgressBar() throws Exception {
        image("s/a.png", "png");
        image("s/b/c.jpg", "jpeg");
        image("t/d.png", "png");
        try (ImageSource folders = ImageSources.open(List.of(dir.resolve("s"), dir.resolve("t")),
                FrameSampling.defaults())) {
            assertEquals(3, folders.sizeHint());
        }
        Fixtures.writeDicom(dir.resolve("t/scan.dcm"), new Fixtures.Spec());
        try (ImageSource withDicom = ImageSources.open(dir.resolve("t"))) {
            assertEquals(-1, withDicom.sizeHint(), "a DICOM object's frames are counted as it is read");
        }
    }

    @Test
    void aListKeepsItsOrder() throws Exception {
        Path b = image("g/b.png", "png");
        Path a = image("g/a.png", "png");
        assertEquals(List.of(b.toString(), a.toString()),
                items(ImageSources.open(List.of(b, a))).stream().map(SourceItem::id).toList());
    }

    @Test
    void corruptEmptyAndUnknownFilesGiveClearMessages() throws Exception {
        Path good = image("c/good.png", "png");
        byte[] all = Files.readAllBytes(good);
        Path cut = dir.resolve("c/cut.png");
        Files.write(cut, java.util.Arrays.copyOf(all, 20));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> items(ImageSources.open(cut)).get(0).read());
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        Path empty = Files.createFile(dir.resolve("c/empty.png"));
        assertTrue(assertThrows(InvalidInputException.class, () -> ImageSources.open(empty)).getMessage().contains("empty"));
        Path txt = Files.writeString(dir.resolve("c/readme.png"), "hello");
        assertTrue(assertThrows(InvalidInputException.class, () -> ImageSources.open(txt)).getMessage()
                .contains("unrecognised"));
        assertThrows(InvalidInputException.class, () -> ImageSources.open(dir.resolve("nope.png")));
    }

    @Test
    void aCutOffJpegIsRefusedNotScoredHalfGrey() throws Exception {
        Path frame;
        try (var frames = Files.list(Path.of("..", "shared", "data", "kvasir-frames"))) {
            frame = frames.sorted().findFirst().orElseThrow();
        }
        byte[] all = Files.readAllBytes(frame);
        Path cut = Fixtures.truncate(frame, dir.resolve("cut.jpg"), all.length / 2);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> items(ImageSources.open(cut)).get(0).read());
        assertTrue(e.getMessage().startsWith(cut + ": truncated image"), e.getMessage());
        // only the end-of-image marker missing: every pixel is there, so the image is read as it is
        Path noEnd = Fixtures.truncate(frame, dir.resolve("no-eoi.jpg"), all.length - 2);
        ImagePlus read = items(ImageSources.open(noEnd)).get(0).read();
        ImagePlus whole = items(ImageSources.open(frame)).get(0).read();
        assertTrue(java.util.Arrays.equals((int[]) whole.getProcessor().getPixels(), (int[]) read.getProcessor().getPixels()));
    }

    @Test
    void hugeImageDimensionsAreRefusedBeforeDecoding() throws Exception {
        Path p = image("h/huge.png", "png");
        byte[] b = Files.readAllBytes(p);
        // IHDR width and height (big-endian, bytes 16..23): 60000 × 60000; the header CRC is not checked first
        java.nio.ByteBuffer.wrap(b).putInt(16, 60000).putInt(20, 60000);
        Files.write(p, b);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> items(ImageSources.open(p)).get(0).read());
        assertTrue(e.getMessage().contains("60000x60000"), e.getMessage());
    }

    @Test
    void imagesOpenInImageJUseTheirTitle() {
        ImagePlus imp = new ImagePlus("open image", new ColorProcessor(4, 4));
        List<SourceItem> items = items(ImageSources.of(List.of(imp)));
        assertEquals("open image", items.get(0).id());
        assertEquals(imp, items.get(0).read());
    }

    @Test
    void frameSamplingRejectsNonsense() {
        assertThrows(InvalidInputException.class, () -> FrameSampling.every(0));
        assertThrows(InvalidInputException.class, () -> FrameSampling.seconds(-1));
        assertThrows(InvalidInputException.class, () -> FrameSampling.seconds(Double.NaN));
        assertEquals(1.0, FrameSampling.defaults().secondsStep());
    }

    @Test
    void csvIsWrittenAtomicallyAndQuoted() throws Exception {
        Path out = dir.resolve("out/table.csv");
        CsvTables.write(out, List.of("id", "score"), List.of(List.of("a,b.png#frame=2", "0.5"), List.of("c", "1")));
        assertEquals("id,score\n\"a,b.png#frame=2\",0.5\nc,1\n", Files.readString(out));
        assertThrows(InvalidInputException.class, () -> CsvTables.write(out, List.of("id"), List.of(List.of("x", "y"))));
        assertEquals("id,score\n\"a,b.png#frame=2\",0.5\nc,1\n", Files.readString(out), "failed write leaves old file");
        try (CsvTables.RowWriter w = CsvTables.open(out, List.of("id", "score"))) {
            w.row(List.of("never", "committed"));
        }
        assertEquals("id,score\n\"a,b.png#frame=2\",0.5\nc,1\n", Files.readString(out), "uncommitted stream leaves old file");
        try (var s = Files.list(out.getParent())) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }
}
