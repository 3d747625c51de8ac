package nero.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import nero.core.InvalidInputException;
import nero.io.FfmpegLibrary;
import nero.io.Fixtures;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.source.ImageSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real videos written by ffmpeg at test time (160×128, 25 fps, ffmpeg's moving testsrc2 pattern), read by our
 * readers and checked against ffmpeg's own decode of the same frames: MPEG-TS, MPEG-2, B-frames, the formats only
 * FFmpeg decodes (interlaced, 4:2:2, 10-bit, HEVC, MPEG-4 Part 2, AVI, MKV, DVD), rotation and pixel aspect ratio,
 * seeking, damaged and truncated files, DICOM video objects carrying MPEG-TS and MPEG-2 streams. The nested
 * {@link JCodecFallback} runs with FFmpeg switched off: what the pure-Java fallback decodes and what it refuses.
 */
class FfmpegVideoFixturesTest {
    /** Mean absolute RGB difference to ffmpeg's decode allowed per still, in 8-bit levels (2/255). */
    private static final double MAX_MEAN_ABS_DIFF = 2.0;

    @TempDir
    static Path dir;

    @BeforeEach
    void needFfmpeg() {
        Ffmpeg.require("libx264", "libx265", "mpeg2video", "mpeg4", "mjpeg");
    }

    private static List<SourceItem> everyFrame(Path file) {
        List<SourceItem> all = new ArrayList<>();
        try (ImageSource src = ImageSources.open(file, FrameSampling.every(1))) {
            src.forEach(all::add);
        }
        return all;
    }

    /** Mean absolute difference over the R, G and B samples of all pixels, in 8-bit levels. */
    static double meanAbsDiff(ImagePlus ours, BufferedImage reference) {
        assertEquals(reference.getWidth(), ours.getWidth(), "width");
        assertEquals(reference.getHeight(), ours.getHeight(), "height");
        int[] a = (int[]) ours.getProcessor().getPixels();
        int[] b = reference.getRGB(0, 0, reference.getWidth(), reference.getHeight(), null, 0, reference.getWidth());
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs((a[i] >> shift & 0xff) - (b[i] >> shift & 0xff));
            }
        }
        return sum / (3.0 * a.length);
    }

    /** Every still has the expected id and time and matches ffmpeg's still of the same index (so order is right). */
    private static void assertSameFramesAsFfmpeg(Path video, String idBase, List<SourceItem> items, int frames)
            throws Exception {
        assertSameFramesAs(Ffmpeg.stills(video), idBase, items, frames);
    }

    private static void assertSameFramesAs(List<BufferedImage> reference, String idBase, List<SourceItem> items,
            int frames) throws Exception {
        assertEquals(frames, reference.size(), "ffmpeg's own frame count");
        assertEquals(frames, items.size(), "stills decoded");
        for (int i = 0; i < frames; i++) {
            SourceItem item = items.get(i);
            assertEquals(String.format(Locale.ROOT, "%s#frame=%d@t=%.3fs", idBase, i + 1, i / 25.0), item.id());
            double diff = meanAbsDiff(item.read(), reference.get(i));
            assertTrue(diff <= MAX_MEAN_ABS_DIFF, item.id() + " differs from ffmpeg's frame " + (i + 1) + " by " + diff);
        }
        // the check can fail on a wrong order: neighbouring frames of the pattern differ far more than the tolerance
        double neighbour = meanAbsDiff(items.get(1).read(), reference.get(2));
        assertTrue(neighbour > 2 * MAX_MEAN_ABS_DIFF, "frames 2 and 3 differ by only " + neighbour);
    }

    @Test
    void h264InMpegTransportStreamDecodesEveryFrameLikeFfmpeg() throws Exception {
        Path ts = Ffmpeg.write(dir.resolve("h264.ts"), 20, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-f", "mpegts");
        List<SourceItem> items = everyFrame(ts);
        assertEquals("MPEG-TS", items.get(0).metadata().get("container"));
        assertEquals("H.264", items.get(0).metadata().get("codec"));
        assertSameFramesAsFfmpeg(ts, ts.toString(), items, 20);
    }

    @Test
    void mpeg2ProgramStreamWithBFramesDecodesInDisplayOrder() throws Exception {
        Path ps = Ffmpeg.write(dir.resolve("mpeg2.mpg"), 25, "-c:v", "mpeg2video", "-bf", "2", "-g", "12", "-f", "mpeg");
        assertTrue(Ffmpeg.pictureTypes(ps).contains("B"), "the fixture has B-frames");
        List<SourceItem> items = everyFrame(ps);
        assertEquals("MPEG-PS", items.get(0).metadata().get("container"));
        assertEquals("MPEG-2", items.get(0).metadata().get("codec"));
        assertSameFramesAsFfmpeg(ps, ps.toString(), items, 25);
    }

    @Test
    void decodingMpeg2WritesNothingToStandardOutput() throws Exception {
        Path ps = Ffmpeg.write(dir.resolve("quiet.mpg"), 10, "-c:v", "mpeg2video", "-f", "mpeg");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertEquals(10, everyFrame(ps).size());
        } finally {
            System.setOut(stdout);
        }
        // JCodec's MPSDemuxer.MPEGTrack.nextFrame() prints each picture's temporal reference; the CLI's stdout is data
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void h264WithBFramesInMp4ComesOutInDisplayOrder() throws Exception {
        Path mp4 = Ffmpeg.write(dir.resolve("bframes.mp4"), 20, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-bf", "3",
                "-g", "25");
        assertTrue(Ffmpeg.pictureTypes(mp4).contains("B"), "the fixture has B-frames");
        List<SourceItem> items = everyFrame(mp4);
        assertEquals("MP4/MOV", items.get(0).metadata().get("container"));
        assertSameFramesAsFfmpeg(mp4, mp4.toString(), items, 20);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "odd.mp4 | -c:v libx264 -pix_fmt yuv420p -bf 3",
        "odd.ts  | -c:v libx264 -pix_fmt yuv420p -f mpegts",
        "odd.mpg | -c:v mpeg2video -bf 2 -f mpeg"})
    void sizesThatAreNotWholeMacroblocksAreCroppedLikeFfmpeg(String name, String options) throws Exception {
        Path video = Ffmpeg.write(dir.resolve(name.trim()), "102x78", 10, options.trim().split("\\s+"));
        assertSameFramesAsFfmpeg(video, video.toString(), everyFrame(video), 10);
    }

    @Test
    void stepSamplingOfAnMpeg2StreamKeepsFrameNumbersAndTimes() throws Exception {
        Path ps = Ffmpeg.write(dir.resolve("step.mpg"), 25, "-c:v", "mpeg2video", "-bf", "2", "-f", "mpeg");
        List<SourceItem> items = new ArrayList<>();
        try (ImageSource src = ImageSources.video(ps, FrameSampling.every(10))) {
            src.forEach(items::add);
        }
        assertEquals(List.of(ps + "#frame=1@t=0.000s", ps + "#frame=11@t=0.400s", ps + "#frame=21@t=0.800s"),
                items.stream().map(SourceItem::id).toList());
    }

    /** What JCodec refuses, FFmpeg decodes: every frame, in order, as ffmpeg itself shows it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "interlaced.mp4 | -c:v libx264 -pix_fmt yuv420p -flags +ilme+ildct -top 1 | MP4/MOV | H.264",
        "interlaced.ts  | -c:v libx264 -pix_fmt yuv420p -flags +ilme+ildct -top 1 -f mpegts | MPEG-TS | H.264",
        "yuv422.mp4     | -c:v libx264 -pix_fmt yuv422p -profile:v high422         | MP4/MOV | H.264",
        "10bit.mp4      | -c:v libx264 -pix_fmt yuv420p10le -profile:v high10      | MP4/MOV | H.264",
        "hevc.mp4       | -c:v libx265 -x265-params log-level=error                 | MP4/MOV | HEVC",
        "mpeg4.mp4      | -c:v mpeg4                                               | MP4/MOV | MPEG-4 Part 2",
        "mjpeg.avi      | -c:v mjpeg                                               | AVI     | Motion JPEG",
        "h264.mkv       | -c:v libx264 -pix_fmt yuv420p                            | Matroska/WebM | H.264",
        "dvd.vob        | -c:v mpeg2video -f dvd                                   | MPEG-PS | MPEG-2",
        "interlaced.mpg | -c:v mpeg2video -flags +ilme+ildct -top 1 -bf 2 -f mpeg  | MPEG-PS | MPEG-2"})
    void formatsThePureJavaDecoderRefusesDecodeWithFfmpeg(String name, String options, String container, String codec)
            throws Exception {
        Path video = Ffmpeg.write(dir.resolve("ff-" + name), 25, options.trim().split("\\s+"));
        List<SourceItem> items = everyFrame(video);
        assertEquals(container, items.get(0).metadata().get("container"));
        assertEquals(codec, items.get(0).metadata().get("codec"));
        assertTrue(items.get(0).metadata().get("decoder").startsWith("FFmpeg "), items.get(0).metadata().toString());
        boolean interlaced = name.startsWith("interlaced");
        assertEquals(interlaced ? "bwdif" : null, items.get(0).metadata().get("deinterlaced"));
        List<BufferedImage> reference = interlaced ? Ffmpeg.stills(video, "bwdif=mode=send_frame:deint=interlaced")
                : Ffmpeg.stills(video);
        assertSameFramesAs(reference, video.toString(), items, 25);
    }

    @Test
    void deinterlacingRemovesTheCombingOfMovingEdges() throws Exception {
        Path video = Ffmpeg.write(dir.resolve("combing.ts"), 10, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-flags",
                "+ilme+ildct", "-top", "1", "-f", "mpegts");
        List<BufferedImage> woven = Ffmpeg.stills(video);
        List<SourceItem> ours = everyFrame(video);
        // testsrc2 moves, so a woven frame has two half-pictures a field apart: far from the deinterlaced one
        double toWoven = meanAbsDiff(ours.get(5).read(), woven.get(5));
        assertTrue(toWoven > MAX_MEAN_ABS_DIFF, "deinterlaced still equals the woven frame (" + toWoven + ")");
    }

    @ParameterizedTest(name = "rotate={0}")
    @ValueSource(ints = {90, 180, 270})
    void rotationMetadataTurnsStillsUprightLikeFfmpeg(int rotate) throws Exception {
        Path mp4 = Ffmpeg.write(dir.resolve("rotated-" + rotate + ".mp4"), 5, "-c:v", "libx264", "-pix_fmt", "yuv420p");
        Fixtures.rotateMp4(mp4, rotate);
        List<SourceItem> items = everyFrame(mp4);
        assertEquals(Integer.toString(rotate), items.get(0).metadata().get("rotation"));
        List<BufferedImage> reference = Ffmpeg.stills(mp4); // ffmpeg turns pictures upright itself
        assertEquals(rotate == 180 ? 160 : 128, reference.get(0).getWidth(), "ffmpeg's upright width");
        assertSameFramesAs(reference, mp4.toString(), items, 5);
    }

    @Test
    void nonSquarePixelsAreStretchedToSquareOnesLikeFfmpeg() throws Exception {
        Path mp4 = Ffmpeg.write(dir.resolve("anamorphic.mp4"), 5, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-vf",
                "setsar=16/15");
        List<SourceItem> items = everyFrame(mp4);
        assertEquals("16:15", items.get(0).metadata().get("sample_aspect_ratio"));
        assertEquals(170, items.get(0).read().getWidth()); // 160 × 16/15, rounded down as ffmpeg does
        assertEquals(128, items.get(0).read().getHeight());
        List<BufferedImage> reference = Ffmpeg.stills(mp4, "scale=iw*sar:ih");
        assertSameFramesAs(reference, mp4.toString(), items, 5);
    }

    /** A step longer than the key-frame distance seeks; the stills are the same as decoding every frame. */
    @Test
    void longStepsSeekToKeyFramesAndGiveTheSameStills() throws Exception {
        Path mp4 = Ffmpeg.write(dir.resolve("gop10.mp4"), 100, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-bf", "3",
                "-g", "10", "-keyint_min", "10", "-sc_threshold", "0");
        List<SourceItem> sought = new ArrayList<>();
        try (ImageSource src = ImageSources.video(mp4, FrameSampling.seconds(1.0))) {
            src.forEach(sought::add);
        }
        List<SourceItem> all = everyFrame(mp4);
        assertEquals(List.of(mp4 + "#frame=1@t=0.000s", mp4 + "#frame=26@t=1.000s", mp4 + "#frame=51@t=2.000s",
                mp4 + "#frame=76@t=3.000s"), sought.stream().map(SourceItem::id).toList());
        long decodedForStills = 0;
        for (SourceItem still : sought) {
            int frame = Integer.parseInt(still.metadata().get("frame"));
            assertTrue(Arrays.equals((int[]) all.get(frame - 1).read().getProcessor().getPixels(),
                    (int[]) still.read().getProcessor().getPixels()), still.id());
            decodedForStills += Long.parseLong(still.metadata().get("frames_decoded"));
        }
        // from the key frame before each still (at most 10 frames back, plus the reorder window): far below 76
        assertTrue(decodedForStills < 50, "frames decoded for 4 stills: " + decodedForStills);
        List<SourceItem> byStep = new ArrayList<>();
        try (ImageSource src = ImageSources.video(mp4, FrameSampling.every(30))) {
            src.forEach(byStep::add);
        }
        assertEquals(List.of(1L, 31L, 61L, 91L), byStep.stream().map(i -> Long.parseLong(i.metadata().get("frame")))
                .toList());
        assertTrue(Arrays.equals((int[]) all.get(90).read().getProcessor().getPixels(),
                (int[]) byStep.get(3).read().getProcessor().getPixels()));
    }

    @Test
    void truncatedFastStartMp4IsReportedAsTruncatedNotSilentlyShort() throws Exception {
        Path mp4 = Ffmpeg.write(dir.resolve("faststart.mp4"), 25, "-c:v", "libx264", "-pix_fmt", "yuv420p",
                "-movflags", "+faststart");
        String bytes = new String(Files.readAllBytes(mp4), StandardCharsets.ISO_8859_1);
        assertTrue(bytes.indexOf("moov") < bytes.indexOf("mdat"), "the movie header comes first");
        Path cut = Fixtures.truncate(mp4, dir.resolve("faststart-cut.mp4"), Files.size(mp4) / 2);
        List<SourceItem> items = everyFrame(cut);
        SourceItem last = items.get(items.size() - 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, last::read);
        int decoded = items.size() - 1;
        assertTrue(decoded > 0 && decoded < 25, "stills before the cut: " + decoded);
        assertTrue(e.getMessage().contains(cut + ": video truncated or corrupt: decoded " + decoded
                + " of 25 declared frames"), e.getMessage());
        items.get(0).read(); // the stills before the cut are still usable
    }

    /**
     * Cut inside a picture at several places (so that a B picture and an anchor held back both get cut): every still
     * given is intact (equal to ffmpeg's decode of the whole file at the same frame number), the cut is reported, and
     * nothing is printed.
     */
    @ParameterizedTest(name = "{0} cut at {1}%")
    @CsvSource({"mpg, 30", "mpg, 45", "mpg, 50", "mpg, 62", "mpg, 75", "ts, 30", "ts, 45", "ts, 50", "ts, 62", "ts, 75"})
    void cutFilesGiveOnlyIntactStillsAndReportTheCut(String ext, int percent) throws Exception {
        Path whole = dir.resolve("whole-ff." + ext);
        if (!Files.exists(whole)) {
            if (ext.equals("mpg")) {
                Ffmpeg.write(whole, 25, "-c:v", "mpeg2video", "-bf", "2", "-f", "mpeg");
            } else {
                Ffmpeg.write(whole, 25, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-bf", "2", "-f", "mpegts");
            }
        }
        Path cut = Fixtures.truncate(whole, dir.resolve("ffcut-" + percent + "." + ext), Files.size(whole) * percent / 100);
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        everyFrame(whole); // the one-time decoder notice goes out before the capture
        List<SourceItem> items;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            items = everyFrame(cut);
        } finally {
            System.setErr(original);
        }
        assertEquals("", stderr.toString(StandardCharsets.UTF_8), "the decoder printed to standard error");
        assertIntactOrReported(cut, items, Ffmpeg.stills(whole));
    }

    /** Every item either matches ffmpeg's frame of the same number or reports damage; at least one of each. */
    private static void assertIntactOrReported(Path cut, List<SourceItem> items, List<BufferedImage> reference) {
        int intact = 0;
        int reported = 0;
        for (SourceItem item : items) {
            try {
                ImagePlus still = item.read();
                int frame = Integer.parseInt(item.metadata().get("frame"));
                double diff = meanAbsDiff(still, reference.get(frame - 1));
                assertTrue(diff <= MAX_MEAN_ABS_DIFF, item.id() + " differs from ffmpeg's frame by " + diff);
                intact++;
            } catch (InvalidInputException e) {
                String m = e.getMessage();
                assertTrue(m.startsWith(cut.toString()) && (m.contains("damaged picture")
                        || m.contains("truncated or corrupt")), m);
                assertFalse(m.contains("Exception"), m);
                reported++;
            }
        }
        assertTrue(intact > 0 && intact < 25, "intact stills: " + intact);
        // a transport stream cut inside a picture's packets can lose that picture whole (FFmpeg's demuxer drops the
        // incomplete packet at the end of the file): nothing damaged is given, but nothing tells of the cut either
        assertTrue(reported > 0 || cut.toString().endsWith(".ts"), "the cut was not reported");
        System.out.printf("%s: %d intact stills, %d reported%n", cut.getFileName(), intact, reported);
    }

    /**
     * A recording damaged in the middle (bytes overwritten, as a bad sector or a radio glitch leaves them): the stills
     * before the damage are kept, the damaged pictures are reported, and decoding goes on from the next key frame.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "damaged.ts  | -c:v libx264 -pix_fmt yuv420p -bf 2 -g 10 -f mpegts",
        "damaged.mpg | -c:v mpeg2video -bf 2 -g 10 -f mpeg"})
    void damageInTheMiddleIsReportedAndDecodingGoesOnAfterIt(String name, String options) throws Exception {
        Path whole = Ffmpeg.write(dir.resolve("whole-" + name.trim()), 50, options.trim().split("\\s+"));
        byte[] bytes = Files.readAllBytes(whole);
        java.util.Random random = new java.util.Random(7);
        int at = bytes.length / 2;
        for (int i = at; i < at + 3000; i++) {
            if (i % 188 != 0) { // keep the transport stream's sync bytes, as most damage does
                bytes[i] = (byte) random.nextInt(256);
            }
        }
        Path damaged = Files.write(dir.resolve(name.trim()), bytes);
        List<SourceItem> items = everyFrame(damaged);
        List<BufferedImage> reference = Ffmpeg.stills(whole);
        int intactBefore = 0;
        int intactAfter = 0;
        int reported = 0;
        for (SourceItem item : items) {
            try {
                ImagePlus still = item.read();
                int frame = Integer.parseInt(item.metadata().get("frame"));
                assertTrue(meanAbsDiff(still, reference.get(frame - 1)) <= MAX_MEAN_ABS_DIFF, item.id());
                if (reported == 0) {
                    intactBefore++;
                } else {
                    intactAfter++;
                }
            } catch (InvalidInputException e) {
                assertTrue(e.getMessage().startsWith(damaged.toString()) && !e.getMessage().contains("Exception"),
                        e.getMessage());
                reported++;
            }
        }
        System.out.printf("%s: %d intact stills, %d reported, %d intact after the damage%n", name.trim(), intactBefore,
                reported, intactAfter);
        assertTrue(intactBefore >= 10, "stills before the damage: " + intactBefore);
        assertTrue(reported > 0, "the damage was not reported");
        assertTrue(intactAfter >= 10, "stills after the damage: " + intactAfter);
    }

    /** Cut at whole 188-byte packets (a recorder that stopped): every cut finishes and gives only intact stills. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void h264TransportStreamCutAtPacketBoundariesGivesOnlyIntactStills() throws Exception {
        Path ts = dir.resolve("whole-ff.ts");
        if (!Files.exists(ts)) {
            Ffmpeg.write(ts, 25, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-bf", "2", "-f", "mpegts");
        }
        List<BufferedImage> reference = Ffmpeg.stills(ts);
        long packets = Files.size(ts) / 188;
        for (long k = packets / 5; k < packets; k += 3) {
            Path cut = Fixtures.truncate(ts, dir.resolve("ffpackets-" + k + ".ts"), k * 188);
            for (SourceItem item : everyFrame(cut)) {
                try {
                    ImagePlus still = item.read();
                    int frame = Integer.parseInt(item.metadata().get("frame"));
                    assertTrue(meanAbsDiff(still, reference.get(frame - 1)) <= MAX_MEAN_ABS_DIFF, item.id());
                } catch (InvalidInputException e) {
                    assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
                }
            }
        }
    }

    @Test
    void truncatedMpegTsInDicomIsReportedAgainstNumberOfFrames() throws Exception {
        Path ts = Ffmpeg.write(dir.resolve("cut-payload.ts"), 20, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-f",
                "mpegts");
        byte[] all = Files.readAllBytes(ts);
        Path dcm = dir.resolve("cut-video.dcm");
        Fixtures.writeDicomVideo(dcm, Arrays.copyOf(all, all.length / 2), "1.2.840.10008.1.2.4.102", 128, 160, 20);
        List<SourceItem> items = everyFrame(dcm);
        SourceItem last = items.get(items.size() - 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, last::read);
        assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(dcm.toString())
                + ": video truncated or corrupt: decoded (1?[0-9]) of 20 declared frames"), e.getMessage());
        items.get(0).read();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "MPEG-TS | 1.2.840.10008.1.2.4.102 | -c:v libx264 -pix_fmt yuv420p -profile:v high -level 4.1 -f mpegts | H.264",
        "MPEG-PS | 1.2.840.10008.1.2.4.100 | -c:v mpeg2video -bf 2 -f mpeg | MPEG-2"})
    void dicomVideoEndoscopicWithAnMpegStreamInside(String container, String transferSyntax, String options,
            String codec) throws Exception {
        Path stream = Ffmpeg.write(dir.resolve("payload-" + codec + (container.equals("MPEG-TS") ? ".ts" : ".mpg")), 20,
                options.trim().split("\\s+"));
        Path dcm = dir.resolve("video-" + codec + ".dcm");
        Fixtures.writeDicomVideo(dcm, Files.readAllBytes(stream), transferSyntax, 128, 160, 20);
        List<SourceItem> items = everyFrame(dcm);
        assertEquals("dicom-video", items.get(0).metadata().get("source"));
        assertEquals(container, items.get(0).metadata().get("container"));
        assertEquals(codec, items.get(0).metadata().get("codec"));
        assertTrue(items.stream().noneMatch(i -> i.metadata().toString().contains("Secret")));
        assertSameFramesAsFfmpeg(stream, dcm.toString(), items, 20);
    }

    @Test
    void dicomVideoIsTheSameAsTheStreamItCarries() throws Exception {
        Path ts = Ffmpeg.write(dir.resolve("carried.ts"), 10, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-f", "mpegts");
        Path dcm = dir.resolve("carried.dcm");
        Fixtures.writeDicomVideo(dcm, Files.readAllBytes(ts), "1.2.840.10008.1.2.4.102", 128, 160, 10);
        List<SourceItem> fromDicom = everyFrame(dcm);
        List<SourceItem> fromFile = everyFrame(ts);
        assertEquals(fromFile.size(), fromDicom.size());
        for (int i = 0; i < fromFile.size(); i++) {
            int[] a = (int[]) fromFile.get(i).read().getProcessor().getPixels();
            int[] b = (int[]) fromDicom.get(i).read().getProcessor().getPixels();
            assertTrue(Arrays.equals(a, b), "frame " + (i + 1));
        }
        assertInstanceOf(String.class, fromDicom.get(0).metadata().get("frame"));
    }

    /** FFmpeg switched off, as where its natives cannot load: JCodec decodes what it can and refuses the rest. */
    @Nested
    class JCodecFallback {
        @BeforeEach
        void switchFfmpegOff() {
            System.setProperty(FfmpegLibrary.SWITCH_PROPERTY, "off");
        }

        @AfterEach
        void switchFfmpegOn() {
            System.clearProperty(FfmpegLibrary.SWITCH_PROPERTY);
        }

        @Test
        void mpeg2AndH264StillDecodeLikeFfmpeg() throws Exception {
            Path ps = Ffmpeg.write(dir.resolve("jc-mpeg2.mpg"), 25, "-c:v", "mpeg2video", "-bf", "2", "-g", "12", "-f",
                    "mpeg");
            List<SourceItem> items = everyFrame(ps);
            assertEquals(null, items.get(0).metadata().get("decoder"));
            assertSameFramesAsFfmpeg(ps, ps.toString(), items, 25);
            Path ts = Ffmpeg.write(dir.resolve("jc-h264.ts"), 20, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-f",
                    "mpegts");
            assertSameFramesAsFfmpeg(ts, ts.toString(), everyFrame(ts), 20);
        }

        @Test
        void interlacedMpeg2IsDecodedAsWovenFramesLikeFfmpeg() throws Exception {
            // unlike interlaced H.264 (MBAFF), MPEG-2 frame pictures with field DCT are within JCodec's decoder
            Path video = Ffmpeg.write(dir.resolve("interlaced.mpg"), 12, "-c:v", "mpeg2video", "-flags", "+ilme+ildct",
                    "-top", "1", "-bf", "2", "-f", "mpeg");
            assertSameFramesAsFfmpeg(video, video.toString(), everyFrame(video), 12);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "interlaced.mp4 | -c:v libx264 -pix_fmt yuv420p -flags +ilme+ildct -top 1 | MP4/MOV | H.264 | interlaced",
            "interlaced.ts  | -c:v libx264 -pix_fmt yuv420p -flags +ilme+ildct -top 1 -f mpegts | MPEG-TS | H.264 | interlaced",
            "yuv422.mp4     | -c:v libx264 -pix_fmt yuv422p -profile:v high422         | MP4/MOV | H.264 | 4:2:2",
            "10bit.mp4      | -c:v libx264 -pix_fmt yuv420p10le -profile:v high10      | MP4/MOV | H.264 | 10-bit",
            "hevc.mp4       | -c:v libx265 -x265-params log-level=error                 | MP4/MOV | HEVC  | only H.264",
            "mpeg4.mp4      | -c:v mpeg4                                               | MP4/MOV | MPEG-4 Part 2 | codec not supported",
            "mjpeg.avi      | -c:v mjpeg                                               | AVI     | unknown | container not supported",
            "h264.mkv       | -c:v libx264 -pix_fmt yuv420p                            | Matroska/WebM | unknown | container not supported",
            "dvd.vob        | -c:v mpeg2video -f dvd                                   | MPEG-PS | MPEG-2 | DVD/VOB"})
        void unsupportedVideosAreRefusedNamingContainerCodecAndFeature(String name, String options, String container,
                String codec, String feature) throws Exception {
            Path video = Ffmpeg.write(dir.resolve("jc-" + name), 25, options.trim().split("\\s+"));
            List<SourceItem> items = everyFrame(video);
            SourceItem last = items.get(items.size() - 1);
            UnsupportedVideoException e = assertThrows(UnsupportedVideoException.class, last::read);
            assertEquals(container, e.container(), e.getMessage());
            assertTrue(e.codec().contains(codec), e.getMessage());
            assertTrue(e.feature().contains(feature), e.getMessage());
            assertTrue(e.getMessage().startsWith(video.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("ffmpeg -i INPUT"), e.getMessage());
        }

        /**
         * A transport stream damaged in the middle (the bytes of 16 packets overwritten, sync bytes kept, as in
         * {@link FfmpegVideoFixturesTest#damageInTheMiddleIsReportedAndDecodingGoesOnAfterIt}): every still before the
         * damage comes out as FFmpeg gives it, then the damage is reported; JCodec's demuxer used to fail on the whole
         * file (BufferUnderflowException while it looked for programs) or hand the damaged packets to the decoder.
         */
        @ParameterizedTest(name = "damage at {0}% of the file")
        @ValueSource(ints = {35, 50, 65})
        @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void damageInATransportStreamKeepsTheStillsBeforeIt(int percent) throws Exception {
            Path whole = dir.resolve("jc-whole-50.ts");
            if (!Files.exists(whole)) {
                Ffmpeg.write(whole, 50, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-bf", "2", "-g", "10", "-f", "mpegts");
            }
            byte[] bytes = Files.readAllBytes(whole);
            java.util.Random random = new java.util.Random(percent);
            int at = (int) ((long) bytes.length * percent / 100) / 188 * 188;
            for (int i = at; i < at + 16 * 188; i++) {
                if (i % 188 != 0) {
                    bytes[i] = (byte) random.nextInt(256);
                }
            }
            Path damaged = Files.write(dir.resolve("jc-damaged-" + percent + ".ts"), bytes);
            List<SourceItem> items = everyFrame(damaged);
            List<BufferedImage> reference = Ffmpeg.stills(whole);
            int intact = items.size() - 1;
            for (int i = 0; i < intact; i++) {
                double diff = meanAbsDiff(items.get(i).read(), reference.get(i));
                assertTrue(diff <= MAX_MEAN_ABS_DIFF, items.get(i).id() + " differs from ffmpeg's frame by " + diff);
            }
            // the damaged picture's place estimated from its bytes; the B pictures shown just before a damaged anchor
            // are decoded after it, and pictures differ in size
            int damagedFrame = (int) (50L * at / bytes.length);
            assertTrue(intact >= damagedFrame - 8 && intact <= damagedFrame + 1, "stills before the damage at frame ~"
                    + damagedFrame + ": " + intact);
            InvalidInputException e = assertThrows(InvalidInputException.class, items.get(intact)::read);
            assertTrue(e.getMessage().startsWith(damaged + " (after " + intact + " decoded frames): MPEG-TS video (H.264) "
                    + "truncated or corrupt: " + MpegFrameStream.DAMAGED_PICTURE), e.getMessage());
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
            System.out.printf("H.264 TS damaged at %d%%: %d intact stills, then: %s%n", percent, intact, e.getMessage());
        }

        /** Cuts at several places, so that both a B picture and an I/P picture (with an anchor held back) get cut. */
        @ParameterizedTest(name = "cut at {0}% of the file")
        @ValueSource(ints = {30, 45, 50, 62, 75})
        @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void mpeg2CutInsideAPictureKeepsTheIntactStillsAndReportsTheCutQuietly(int percent) throws Exception {
            Path mpg = dir.resolve("jc-whole.mpg");
            if (!Files.exists(mpg)) {
                Ffmpeg.write(mpg, 25, "-c:v", "mpeg2video", "-bf", "2", "-f", "mpeg");
            }
            Path cut = Fixtures.truncate(mpg, dir.resolve("jc-cut-" + percent + ".mpg"), Files.size(mpg) * percent / 100);
            everyFrame(mpg); // the one-time decoder notice goes out before the capture
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            PrintStream original = System.err;
            List<SourceItem> items;
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            try {
                items = everyFrame(cut);
            } finally {
                System.setErr(original);
            }
            assertEquals("", stderr.toString(StandardCharsets.UTF_8), "the decoder printed to standard error");
            int decoded = items.size() - 1;
            assertTrue(decoded > 0 && decoded < 25, "stills before the cut: " + decoded);
            InvalidInputException e = assertThrows(InvalidInputException.class, items.get(decoded)::read);
            assertTrue(e.getMessage().startsWith(cut + " (after " + decoded + " decoded frames): MPEG-PS video (MPEG-2) "
                    + "truncated or corrupt: " + MpegFrameStream.DAMAGED_PICTURE), e.getMessage());
            List<BufferedImage> reference = Ffmpeg.stills(mpg);
            for (int i = 0; i < decoded; i++) {
                double diff = meanAbsDiff(items.get(i).read(), reference.get(i));
                assertTrue(diff <= MAX_MEAN_ABS_DIFF, items.get(i).id() + " differs from ffmpeg's frame by " + diff);
            }
            System.out.printf("MPEG-2 cut at %d%%: %d intact stills, then: %s%n", percent, decoded, e.getMessage());
        }

        /**
         * A plain transport stream declares no frame count: a cut one ends early, every still it gives is intact, and
         * the cut is reported. JCodec's H.264 decoder looped for ever on the cut picture at 30 % (hence the time limit).
         */
        @ParameterizedTest(name = "cut at {0}% of the file")
        @ValueSource(ints = {30, 45, 50, 62, 75})
        @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void h264TransportStreamCutAnywhereGivesOnlyIntactStills(int percent) throws Exception {
            Path ts = dir.resolve("jc-whole.ts");
            if (!Files.exists(ts)) {
                Ffmpeg.write(ts, 25, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-bf", "2", "-f", "mpegts");
            }
            Path cut = Fixtures.truncate(ts, dir.resolve("jc-cut-" + percent + ".ts"), Files.size(ts) * percent / 100);
            List<SourceItem> items = everyFrame(cut);
            List<BufferedImage> reference = Ffmpeg.stills(ts);
            int intact = 0;
            for (SourceItem item : items) {
                ImagePlus still;
                try {
                    still = item.read();
                } catch (InvalidInputException e) {
                    assertTrue(e.getMessage().startsWith(cut + " (after " + intact + " decoded frames): MPEG-TS video "
                            + "(H.264) truncated or corrupt: " + MpegFrameStream.DAMAGED_PICTURE), e.getMessage());
                    continue;
                }
                double diff = meanAbsDiff(still, reference.get(intact));
                assertTrue(diff <= MAX_MEAN_ABS_DIFF, item.id() + " differs from ffmpeg's frame by " + diff);
                intact++;
            }
            assertTrue(intact > 0 && intact < 25, "stills before the cut: " + intact);
            assertEquals(intact + 1, items.size(), "the intact stills, then the reported cut");
            System.out.printf("H.264 TS cut at %d%%: %d intact stills of %d items%n", percent, intact, items.size());
        }

        /**
         * Cut at whole 188-byte packets (a recorder that stopped), the file gives no sign of the cut: some of these cuts
         * made JCodec loop for ever on the last picture. Every cut must finish, and a stuck one is reported after the
         * stills before it.
         */
        @Test
        @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void h264TransportStreamCutAtPacketBoundariesNeverHangs() throws Exception {
            Path ts = dir.resolve("jc-whole.ts");
            if (!Files.exists(ts)) {
                Ffmpeg.write(ts, 25, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-bf", "2", "-f", "mpegts");
            }
            System.setProperty(WatchedFrameStream.LIMIT_PROPERTY, "1");
            int stuck = 0;
            try {
                long packets = Files.size(ts) / 188;
                for (long k = packets / 5; k < packets; k += 3) {
                    Path cut = Fixtures.truncate(ts, dir.resolve("jc-packets-" + k + ".ts"), k * 188);
                    List<SourceItem> items = everyFrame(cut);
                    SourceItem last = items.get(items.size() - 1);
                    try {
                        last.read();
                    } catch (InvalidInputException e) {
                        String m = e.getMessage();
                        assertTrue(m.startsWith(cut + " (after " + (items.size() - 1) + " decoded frames): ")
                                && m.contains("MPEG-TS video") && m.contains("H.264") && m.contains("truncated or corrupt"), m);
                        stuck += e.getMessage().contains(WatchedFrameStream.STUCK) ? 1 : 0;
                    }
                }
            } finally {
                System.clearProperty(WatchedFrameStream.LIMIT_PROPERTY);
            }
            System.out.printf("H.264 TS cut at packet boundaries: %d cuts got the decoder stuck and were reported%n", stuck);
        }

        @Test
        void truncatedMpegTsInDicomIsReportedAgainstNumberOfFramesByJCodec() throws Exception {
            Path ts = Ffmpeg.write(dir.resolve("jc-cut-payload.ts"), 20, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-f",
                    "mpegts");
            byte[] all = Files.readAllBytes(ts);
            Path dcm = dir.resolve("jc-cut-video.dcm");
            Fixtures.writeDicomVideo(dcm, Arrays.copyOf(all, all.length / 2), "1.2.840.10008.1.2.4.102", 128, 160, 20);
            List<SourceItem> items = everyFrame(dcm);
            int decoded = items.size() - 1;
            assertTrue(decoded > 0 && decoded < 20, "stills before the cut: " + decoded);
            InvalidInputException e = assertThrows(InvalidInputException.class, items.get(decoded)::read);
            assertTrue(e.getMessage().contains(dcm + ": video truncated or corrupt: decoded " + decoded
                    + " of 20 declared frames"), e.getMessage());
        }

    }
}
