package nero.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.TagFromName;
import ij.ImagePlus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import nero.core.InvalidInputException;
import nero.io.Fixtures;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.video.FrameSampling;
import nero.io.video.VideoReader;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DICOM video (PS3.5 §8.2: MPEG-2/H.264/HEVC with YBR_PARTIAL_420) timed by the object's own attributes and coloured
 * by DICOM's definition. The streams are raw H.264 elementary streams (no container, no time stamps: FFmpeg assumes
 * 25 frames per second) written by JCodec's encoder at test time. Before, YBR_PARTIAL_420 objects were refused and
 * the stills of such a stream landed at 25 fps times whatever Frame Time said.
 */
class DicomVideoTest {
    private static final String H264 = "1.2.840.10008.1.2.4.102";
    private static final int W = 96;
    private static final int H = 64;
    private static final int FRAMES = 30;
    private static final AttributeTag FRAME_TIME_VECTOR = new AttributeTag(0x0018, 0x1065);
    private static final AttributeTag CINE_RATE = new AttributeTag(0x0018, 0x0040);

    @TempDir
    Path dir;

    private Path video(String name, String photometric, Consumer<AttributeList> timing) throws Exception {
        byte[] es = Fixtures.h264ElementaryStream(W, H, FRAMES, f -> Fixtures.movingSquareYuv(W, H, f));
        Path dcm = dir.resolve(name);
        Fixtures.writeDicomVideo(dcm, es, H264, H, W, FRAMES, photometric, timing);
        return dcm;
    }

    private static Consumer<AttributeList> attributes(String frameTime, String vector, String cineRate,
            AttributeTag pointer) {
        return l -> {
            try {
                if (frameTime != null) {
                    DecimalStringAttribute a = new DecimalStringAttribute(TagFromName.FrameTime);
                    a.addValue(frameTime);
                    l.put(a);
                }
                if (vector != null) {
                    DecimalStringAttribute a = new DecimalStringAttribute(FRAME_TIME_VECTOR);
                    for (String v : vector.split(" ")) {
                        a.addValue(v);
                    }
                    l.put(a);
                }
                if (cineRate != null) {
                    IntegerStringAttribute a = new IntegerStringAttribute(CINE_RATE);
                    a.addValue(cineRate);
                    l.put(a);
                }
                if (pointer != null) {
                    AttributeTagAttribute a = new AttributeTagAttribute(TagFromName.FrameIncrementPointer);
                    a.addValue(pointer);
                    l.put(a);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static List<SourceItem> stills(Path file, FrameSampling sampling) {
        List<SourceItem> items = new ArrayList<>();
        try (ImageSource src = DicomReader.open(file, null, sampling)) {
            for (SourceItem item : src) {
                item.read(); // a failed item throws here
                items.add(item);
            }
        }
        return items;
    }

    private static List<String> ids(List<SourceItem> items, Path file) {
        List<String> ids = new ArrayList<>();
        for (SourceItem item : items) {
            ids.add(item.id().substring(file.toString().length()));
        }
        return ids;
    }

    @Test
    void ybrPartial420VideoIsReadAndTimedByFrameTime() throws Exception {
        Path dcm = video("partial420.dcm", "YBR_PARTIAL_420", attributes("100", null, null, TagFromName.FrameTime));
        List<SourceItem> items = stills(dcm, FrameSampling.seconds(1));
        // 10 frames a second by Frame Time: stills at frames 1, 11, 21 (at 25 fps they were 1 and 26)
        assertEquals(List.of("#frame=1@t=0.000s", "#frame=11@t=1.000s", "#frame=21@t=2.000s"), ids(items, dcm));
        assertEquals("2.000", items.get(2).metadata().get("time_s"));
        assertEquals("Frame Time (0018,1063) = 100 ms", items.get(2).metadata().get("time_source"));
        // the square moves 4 pixels a frame (wrapping at x = 80): frame 21 has it at x = 0..15, frame 26 at 20..35
        assertTrue(brightness(items.get(2).read(), 8, H / 2) > 200);
    }

    @Test
    void theFrameIncrementPointerChoosesTheFrameTimeVector() throws Exception {
        // increments (ms): 0, then 10 frames 50 ms apart, then 19 frames 100 ms apart; Frame Time (wrong) is ignored
        StringBuilder v = new StringBuilder("0");
        for (int i = 1; i < FRAMES; i++) {
            v.append(i <= 10 ? " 50" : " 100");
        }
        Path dcm = video("vector.dcm", "YBR_PARTIAL_420", attributes("40", v.toString(), null,
                FRAME_TIME_VECTOR));
        List<SourceItem> items = stills(dcm, FrameSampling.seconds(1));
        // frame 10 (index 10) at 0.5 s, then 100 ms each: 1 s at index 15, 2 s at index 25
        assertEquals(List.of("#frame=1@t=0.000s", "#frame=16@t=1.000s", "#frame=26@t=2.000s"), ids(items, dcm));
        assertEquals("Frame Time Vector (0018,1065)", items.get(0).metadata().get("time_source"));
        // a frame step keeps frame numbers and reports the vector's times
        List<SourceItem> every = stills(dcm, FrameSampling.every(10));
        assertEquals(List.of("#frame=1@t=0.000s", "#frame=11@t=0.500s", "#frame=21@t=1.500s"), ids(every, dcm));
    }

    @Test
    void cineRateTimesTheStillsWhenNoFrameTimeIsGiven() throws Exception {
        // labelled YBR_FULL_422 as some writers label video (accepted before too, so this shows the timing alone)
        Path dcm = video("cine.dcm", "YBR_FULL_422", attributes(null, null, "5", null));
        assertEquals(List.of("#frame=1@t=0.000s", "#frame=6@t=1.000s", "#frame=11@t=2.000s", "#frame=16@t=3.000s",
                "#frame=21@t=4.000s", "#frame=26@t=5.000s"), ids(stills(dcm, FrameSampling.seconds(1)), dcm));
    }

    @Test
    void withoutTimingAttributesTheStreamsOwnTimesAreUsedAndSaidSo() throws Exception {
        Path dcm = video("untimed.dcm", "YBR_PARTIAL_420", l -> { });
        List<SourceItem> items = stills(dcm, FrameSampling.seconds(1));
        assertEquals(List.of("#frame=1@t=0.000s", "#frame=26@t=1.000s"), ids(items, dcm)); // FFmpeg's 25 fps
        assertTrue(items.get(0).metadata().get("time_source").startsWith("video stream"));
    }

    @Test
    void unusableTimingIsRefusedNamingTheAttribute() throws Exception {
        Path zero = video("zero.dcm", "YBR_PARTIAL_420", attributes("0", null, null, TagFromName.FrameTime));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DicomReader.open(zero));
        assertTrue(e.getMessage().startsWith(zero + ": Frame Time (0018,1063) = 0 is not a positive number"),
                e.getMessage());
        Path shortVector = video("short.dcm", "YBR_PARTIAL_420", attributes(null, "0 40 40", null,
                FRAME_TIME_VECTOR));
        e = assertThrows(InvalidInputException.class, () -> DicomReader.open(shortVector));
        assertTrue(e.getMessage().contains("Frame Time Vector (0018,1065) has 3 values but NumberOfFrames=30"),
                e.getMessage());
    }

    @Test
    void anUntaggedHdStreamInDicomIsBt601AsYbrPartial420Defines() throws Exception {
        // one flat 1280×720 colour: Y 81, Cb 90, Cr 240 is red in BT.601 studio range; BT.709 (the rule for an
        // untagged HD file) would give green ≈ 24
        int w = 1280;
        int h = 720;
        byte[] es = Fixtures.h264ElementaryStream(w, h, 2, f -> flat(w, h, 81, 90, 240));
        Path dcm = dir.resolve("hd.dcm");
        Fixtures.writeDicomVideo(dcm, es, H264, h, w, 2, "YBR_PARTIAL_420", l -> { });
        int[] dicom = rgb(stills(dcm, FrameSampling.every(1)).get(0).read(), w / 2, h / 2);
        assertTrue(dicom[0] >= 250 && dicom[1] <= 4 && dicom[2] <= 4, "BT.601 red: " + dicom[0] + "," + dicom[1] + ","
                + dicom[2]);
        Path raw = dir.resolve("hd.h264");
        Files.write(raw, es);
        List<SourceItem> file = new ArrayList<>();
        try (ImageSource src = VideoReader.open(raw, FrameSampling.every(1))) {
            src.forEach(file::add);
        }
        int[] plain = rgb(file.get(0).read(), w / 2, h / 2);
        assertTrue(plain[1] >= 18, "the same stream as a plain file keeps the BT.709 rule for HD: green " + plain[1]);
    }

    private static Picture flat(int w, int h, int y, int cb, int cr) {
        Picture p = Picture.create(w, h, ColorSpace.YUV420J);
        java.util.Arrays.fill(p.getPlaneData(0), (byte) (y - 128));
        java.util.Arrays.fill(p.getPlaneData(1), (byte) (cb - 128));
        java.util.Arrays.fill(p.getPlaneData(2), (byte) (cr - 128));
        return p;
    }

    private static int[] rgb(ImagePlus imp, int x, int y) {
        int v = imp.getProcessor().getPixel(x, y);
        return new int[] {v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff};
    }

    private static int brightness(ImagePlus imp, int x, int y) {
        int[] c = rgb(imp, x, y);
        return (c[0] + c[1] + c[2]) / 3;
    }
}
