package nero.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.core.InvalidInputException;
import nero.io.FfmpegLibrary;
import nero.io.Fixtures;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.dicom.DicomReader;
import nero.io.source.ImageSources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoReaderTest {
    static final int FRAMES = 30;

    @TempDir
    static Path dir;
    static Path mp4;

    @BeforeAll
    static void makeVideo() throws Exception {
        mp4 = dir.resolve("clip.mp4");
        Fixtures.writeMp4(mp4, 96, 64, FRAMES);
    }

    private static List<SourceItem> stills(Path file, FrameSampling sampling) {
        List<SourceItem> all = new ArrayList<>();
        try (ImageSource src = ImageSources.video(file, sampling)) {
            src.forEach(all::add);
        }
        return all;
    }

    @Test
    void everyFrameDecodesAllFramesInOrder() {
        List<SourceItem> items = stills(mp4, FrameSampling.every(1));
        assertEquals(FRAMES, items.size());
        assertEquals(mp4 + "#frame=1@t=0.000s", items.get(0).id());
        assertEquals(mp4 + "#frame=26@t=1.000s", items.get(25).id());
        ImagePlus first = items.get(0).read();
        assertEquals(96, first.getWidth());
        assertEquals(64, first.getHeight());
        assertEquals(ImagePlus.COLOR_RGB, first.getType());
        // the white square sits at x = 4·frame: check it moved
        assertTrue(brightness(first, 8, 32) > 200, "square at x=0..15 in frame 1");
        assertTrue(brightness(items.get(10).read(), 48, 32) > 200, "square at x=40..55 in frame 11");
        assertTrue(brightness(items.get(10).read(), 8, 32) < 150, "background at x=8 in frame 11");
    }

    private static int brightness(ImagePlus imp, int x, int y) {
        int c = imp.getProcessor().getPixel(x, y);
        return ((c >> 16 & 0xff) + (c >> 8 & 0xff) + (c & 0xff)) / 3;
    }

    @Test
    void samplesByFrameStepAndBySeconds() {
        assertEquals(List.of(1L, 11L, 21L), stills(mp4, FrameSampling.every(10)).stream()
                .map(i -> Long.parseLong(i.metadata().get("frame"))).toList());
        List<SourceItem> perSecond = stills(mp4, FrameSampling.defaults());
        assertEquals(2, perSecond.size()); // t = 0 s and t = 1 s of a 1.2 s clip
        assertEquals("1.000", perSecond.get(1).metadata().get("time_s"));
        assertEquals(5, stills(mp4, FrameSampling.seconds(0.25)).size());
    }

    @Test
    void contentSniffingFindsVideoWithoutExtension() throws Exception {
        Path renamed = Files.copy(mp4, dir.resolve("recording.bin"));
        List<SourceItem> items = new ArrayList<>();
        try (ImageSource src = ImageSources.open(renamed)) {
            src.forEach(items::add);
        }
        assertEquals(2, items.size());
        assertEquals("video", items.get(0).metadata().get("source"));
    }

    @Test
    void mpegProgramStreamWithH264DecodesInOrder() throws Exception {
        Path ps = dir.resolve("clip.mpg");
        Fixtures.writeH264ProgramStream(ps, 96, 64, 20);
        List<SourceItem> items = stills(ps, FrameSampling.every(1));
        assertEquals(20, items.size());
        assertEquals("MPEG-PS", items.get(0).metadata().get("container"));
        assertEquals("H.264", items.get(0).metadata().get("codec"));
        assertEquals(ps + "#frame=11@t=0.400s", items.get(10).id());
        assertTrue(brightness(items.get(10).read(), 48, 32) > 200, "square at x=40..55 in frame 11");
        assertTrue(brightness(items.get(10).read(), 8, 32) < 150, "background at x=8 in frame 11");
    }

    @Test
    void truncatedMp4IsRefusedClearly() throws Exception {
        Path cut = Fixtures.truncate(mp4, dir.resolve("cut.mp4"), Files.size(mp4) / 2);
        List<SourceItem> items = stills(cut, FrameSampling.every(1));
        SourceItem last = items.get(items.size() - 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, last::read);
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    @Test
    void aBrokenAviIsReportedAsCorrupt() throws Exception {
        Path p = headerOnlyAvi();
        List<SourceItem> items = stills(p, FrameSampling.defaults());
        assertEquals(1, items.size());
        InvalidInputException e = assertThrows(InvalidInputException.class, items.get(0)::read);
        assertTrue(e.getMessage().startsWith(p + ": truncated or corrupt AVI file"), e.getMessage());
    }

    @Test
    void withoutFfmpegOtherContainersAreRefusedWithAnFfmpegHint() throws Exception {
        Path p = headerOnlyAvi();
        System.setProperty(FfmpegLibrary.SWITCH_PROPERTY, "off");
        try {
            List<SourceItem> items = stills(p, FrameSampling.defaults());
            assertEquals(1, items.size());
            UnsupportedVideoException e = assertThrows(UnsupportedVideoException.class, items.get(0)::read);
            assertEquals("AVI", e.container());
            assertTrue(e.getMessage().contains("ffmpeg -i"), e.getMessage());
        } finally {
            System.clearProperty(FfmpegLibrary.SWITCH_PROPERTY);
        }
    }

    private static Path headerOnlyAvi() throws Exception {
        byte[] avi = new byte[64];
        System.arraycopy("RIFF".getBytes(), 0, avi, 0, 4);
        System.arraycopy("AVI LIST".getBytes(), 0, avi, 8, 8);
        return Files.write(dir.resolve("clip.avi"), avi);
    }

    @Test
    void decoderFeatureFailuresNameContainerCodecAndFeature() {
        InvalidInputException mbaff = VideoReader.classify("x.mp4", "MP4/MOV", "H.264",
                new RuntimeException("Unsupported h264 feature: MBAFF."));
        UnsupportedVideoException u = assertInstanceOf(UnsupportedVideoException.class, mbaff);
        assertTrue(u.feature().contains("interlaced"), u.getMessage());
        assertTrue(VideoReader.classify("x.mp4", "MP4/MOV", "H.264",
                new RuntimeException("Unsupported h264 feature: High bit depth.")).getMessage().contains("10-bit"));
        assertTrue(VideoReader.classify("x.mp4", "MP4/MOV", "H.264",
                new RuntimeException("Unsupported h264 feature: YUV422 color.")).getMessage().contains("4:2:2"));
        assertInstanceOf(UnsupportedVideoException.class, VideoReader.classify("x.mp4", "MP4/MOV", "unknown",
                new RuntimeException("Not a video track")));
    }

    @Test
    void decoderCrashesOnDamagedDataSayTruncatedOrCorruptWithoutJCodecInternals() {
        String m = VideoReader.classify("x.mp4", "MP4/MOV", "H.264", new NullPointerException(
                "Cannot invoke \"org.jcodec.common.model.Packet.getFrameNo()\" because \"pkt\" is null")).getMessage();
        assertEquals("x.mp4: cannot decode MP4/MOV video (codec H.264): truncated or corrupt (the decoder failed on "
                + "damaged data (NullPointerException inside JCodec))", m);
        assertTrue(VideoReader.classify("x.ts", "MPEG-TS", "H.264", new ArrayIndexOutOfBoundsException(
                "Index 4 out of bounds for length 4")).getMessage().endsWith("(ArrayIndexOutOfBoundsException inside "
                + "JCodec))"));
        // garbage in the middle of a transport stream: JCodec's demuxer throws an IllegalStateException without text
        assertEquals("x.ts: cannot decode MPEG-TS video (codec unknown): truncated or corrupt (the decoder failed on "
                + "damaged data (IllegalStateException inside JCodec))", VideoReader.classify("x.ts", "MPEG-TS",
                "unknown", new IllegalStateException()).getMessage());
    }

    @Test
    void randomBytesAreNotAVideo() throws Exception {
        Path p = dir.resolve("noise.mp4");
        Files.write(p, Fixtures.pattern(4096));
        assertThrows(InvalidInputException.class, () -> ImageSources.open(p));
        List<SourceItem> items = stills(p, FrameSampling.defaults());
        assertThrows(UnsupportedVideoException.class, items.get(0)::read);
    }

    @Test
    void dicomVideoEndoscopicIsReadThroughTheEncapsulatedStream() throws Exception {
        Path dcm = dir.resolve("video.dcm");
        Fixtures.writeDicomVideo(dcm, Files.readAllBytes(mp4), "1.2.840.10008.1.2.4.102", 64, 96, FRAMES);
        List<SourceItem> items = new ArrayList<>();
        try (ImageSource src = ImageSources.open(dcm, FrameSampling.every(10))) {
            src.forEach(items::add);
        }
        assertEquals(3, items.size());
        assertEquals(dcm + "#frame=11@t=0.400s", items.get(1).id());
        assertEquals("dicom-video", items.get(1).metadata().get("source"));
        assertTrue(brightness(items.get(1).read(), 48, 32) > 200);
        assertFalse(items.get(1).metadata().toString().contains("Secret"));
    }

    @Test
    void dicomHevcTransferSyntaxIsReadWithFfmpegAndRefusedWithoutIt() throws Exception {
        Path dcm = dir.resolve("hevc.dcm");
        Fixtures.writeDicomVideo(dcm, Files.readAllBytes(mp4), "1.2.840.10008.1.2.4.107", 64, 96, FRAMES);
        List<SourceItem> items = new ArrayList<>();
        try (ImageSource src = ImageSources.open(dcm)) {
            src.forEach(items::add);
        }
        assertEquals(2, items.size()); // t = 0 s and 1 s
        assertEquals(96, items.get(1).read().getWidth());
        System.setProperty(FfmpegLibrary.SWITCH_PROPERTY, "off");
        try {
            UnsupportedVideoException e = assertThrows(UnsupportedVideoException.class, () -> DicomReader.open(dcm));
            assertTrue(e.getMessage().contains("HEVC"), e.getMessage());
        } finally {
            System.clearProperty(FfmpegLibrary.SWITCH_PROPERTY);
        }
    }
}
