package nero.io.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nero.core.InvalidInputException;
import nero.io.FfmpegLibrary;
import nero.io.ImageSource;
import nero.io.SourceItem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live sources through the bundled FFmpeg: files, UDP streams served by Debian's ffmpeg on 127.0.0.1 (bounded, they
 * stop by themselves), and every bad source of issue 24 item 5. Time limits here are guards against a hang
 * (generous), never timings.
 */
@Timeout(120)
class LiveFrameSourceTest {
    @TempDir
    static Path tmp;
    static Path clip;

    @BeforeAll
    static void natives() {
        Assumptions.assumeTrue(FfmpegLibrary.available(), "FFmpeg natives: " + FfmpegLibrary.problem());
    }

    /** 3 s of testsrc2 at 25 fps, 160×128 H.264 (a key frame every 10 frames), in MPEG-TS. */
    static synchronized Path clip() throws IOException {
        Ffmpeg.require("libx264");
        if (clip == null) {
            clip = Ffmpeg.write(tmp.resolve("clip.ts"), 75, "-c:v", "libx264", "-g", "10", "-bf", "0", "-pix_fmt",
                    "yuv420p", "-f", "mpegts");
        }
        return clip;
    }

    private static LiveFrameSource open(String source, double openTimeout, double readTimeout) {
        return LiveFrameSource.open(StreamAddress.parse(source), new LiveFrameSource.Options(openTimeout,
                readTimeout));
    }

    @Test
    void aFileGivesEveryFrameNumberedTimedAndConvertedAsScoreGivesItsStills() throws IOException {
        Path video = clip();
        List<int[]> live = new ArrayList<>();
        try (LiveFrameSource s = open(video.toString(), 5, 5)) {
            assertEquals("MPEG-TS", s.info().container());
            assertEquals("H.264", s.info().codec());
            assertEquals(25, s.info().fps(), 1e-9);
            LiveFrameSource.Frame f;
            long expected = 1;
            while ((f = s.next()) != null) {
                assertEquals(expected, f.number());
                assertEquals((expected - 1) * 0.04, f.seconds(), 1e-6);
                assertNull(f.damage());
                live.add((int[]) f.image("x").getProcessor().getPixels());
                expected++;
            }
            assertEquals(LiveFrameSource.End.FINISHED, s.end());
            assertNull(s.endDetail());
        }
        assertEquals(75, live.size());
        try (ImageSource stills = VideoReader.open(video, FrameSampling.every(1))) {
            Iterator<SourceItem> it = stills.iterator();
            for (int k = 0; k < live.size(); k++) {
                SourceItem item = it.next();
                assertTrue(item.id().endsWith("#frame=" + (k + 1) + String.format("@t=%.3fs", k * 0.04)), item.id());
                ImagePlus still = item.read();
                assertArrayEquals((int[]) still.getProcessor().getPixels(), live.get(k), "frame " + (k + 1)
                        + ": the live source gives the model the same pixels as score");
            }
        }
    }

    @Test
    void aUdpStreamIsReadAsItComesAndEndsWithATimeOutSayingWhereItStopped() throws Exception {
        Path video = clip();
        try (UdpSender sender = UdpSender.start(video, false, 30);
                LiveFrameSource s = open(sender.url, 20, 2)) {
            assertEquals("MPEG-TS", s.info().container());
            int frames = 0;
            long lastNumber = 0;
            LiveFrameSource.Frame f;
            while ((f = s.next()) != null) {
                assertTrue(f.number() > lastNumber, "frame numbers increase");
                lastNumber = f.number();
                assertTrue(f.arrivalNanos() <= System.nanoTime());
                frames++;
            }
            assertTrue(frames >= 40, "most of the 75 frames arrive (joining takes a key frame): " + frames);
            assertEquals(LiveFrameSource.End.TIMED_OUT, s.end(), "UDP has no end: the sender fell silent");
            assertTrue(s.endDetail().matches("no data for 2 s after t=[0-9.]+ s"), s.endDetail());
        }
    }

    @Test
    void aSourceThatNeverSendsTimesOutWithAMessageInsteadOfHanging() throws IOException {
        String url = "udp://127.0.0.1:" + UdpSender.freePort();
        long start = System.nanoTime();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> open(url, 1, 1));
        assertEquals(url + ": nothing usable arrived within 1 s (is the sender running and sending to this address?)",
                e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "bounded by the open time-out");
    }

    @Test
    void garbageBytesOnAStreamAreRefusedWithAMessage() throws Exception {
        int port = UdpSender.freePort();
        String url = "udp://127.0.0.1:" + port;
        CompletableFuture<Void> noise = CompletableFuture.runAsync(() -> {
            Random random = new Random(24);
            byte[] bytes = new byte[1316];
            try (DatagramSocket socket = new DatagramSocket()) {
                for (int i = 0; i < 20_000; i++) { // about 26 MB of noise, then silence
                    random.nextBytes(bytes);
                    socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
                    if (i % 200 == 0) {
                        Thread.yield();
                    }
                }
            } catch (IOException ignored) {
                // the test checks the reader's side
            }
        });
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> open(url, 5, 1));
        // the noise is refused as not a video, or (when it came too slowly to decide) by the open time-out
        assertTrue(e.getMessage().startsWith(url + ": what arrives is not a video stream FFmpeg can read (")
                || e.getMessage().startsWith(url + ": nothing usable arrived within 5 s"), e.getMessage());
        noise.get(60, TimeUnit.SECONDS);
    }

    @Test
    void garbageInsideAFileMarksTheDamagedFramesAndTheRestIsRead() throws IOException {
        byte[] bytes = Files.readAllBytes(clip());
        Random random = new Random(7);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 4000; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        Path damaged = tmp.resolve("damaged.ts");
        Files.write(damaged, bytes);
        int clean = 0;
        int marked = 0;
        long last = 0;
        try (LiveFrameSource s = open(damaged.toString(), 5, 5)) {
            LiveFrameSource.Frame f;
            while ((f = s.next()) != null) {
                if (f.damage() == null) {
                    clean++;
                } else {
                    marked++;
                }
                last = f.number();
            }
            assertEquals(LiveFrameSource.End.FINISHED, s.end());
        }
        assertTrue(marked > 0, "the pictures decoded from the noise are marked damaged");
        assertTrue(clean > 40, "the frames before and after are read: " + clean);
        assertEquals(75, last, "reading went on to the end");
    }

    @Test
    void stopEndsAReadThatWaitsForData() throws Exception {
        Path video = clip();
        try (UdpSender sender = UdpSender.start(video, false, 30);
                LiveFrameSource s = open(sender.url, 20, 60)) {
            CompletableFuture<Void> stopper = CompletableFuture.runAsync(() -> {
                try {
                    sender.awaitEnd(); // then the reader waits for data that never comes (time-out 60 s)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                s.stop();
            });
            long start = System.nanoTime();
            while (s.next() != null) {
                // read everything until the stop
            }
            assertEquals(LiveFrameSource.End.STOPPED, s.end());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(50), "ended by stop, not the time-out");
            stopper.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProtocolTheBundledFfmpegLacksIsRefusedByName() {
        assertTrue(LiveFrameSource.inputProtocols().containsAll(List.of("udp", "rtp", "srt", "http", "https", "tcp")),
                LiveFrameSource.inputProtocols().toString());
        assertTrue(LiveFrameSource.readsScheme("rtsp"), "rtsp is a demuxer over tcp/udp");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> open("rist://127.0.0.1:5000", 1,
                1));
        assertTrue(e.getMessage().startsWith("rist://127.0.0.1:5000: the bundled FFmpeg " + FfmpegLibrary.version()
                + " has no 'rist' protocol; it reads "), e.getMessage());
        assertTrue(e.getMessage().contains("srt") && e.getMessage().contains("udp"), e.getMessage());
    }

    @Test
    void theBundledFfmpegHasTheV4l2CaptureInput() {
        Assumptions.assumeTrue(org.bytedeco.javacpp.Loader.getPlatform().startsWith("linux"), "V4L2 is Linux's");
        assertTrue(LiveFrameSource.captureDeviceInputs().contains("video4linux2,v4l2"),
                LiveFrameSource.captureDeviceInputs().toString());
    }

    @Test
    void aCaptureDeviceThatDoesNotExistIsRefusedByName() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> open("/dev/video97", 1, 1));
        assertTrue(e.getMessage().startsWith("/dev/video97: no such capture device ("), e.getMessage());
    }

    @Test
    void aMissingFileIsRefusedAsForScore() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> open(tmp.resolve("none.mp4")
                .toString(), 1, 1));
        assertTrue(e.getMessage().contains("none.mp4"), e.getMessage());
    }

    @Test
    void aUrlsPasswordNeverReachesAMessage() {
        StreamAddress a = StreamAddress.parse("rtsp://admin:secret@10.0.0.5:554/stream1");
        assertEquals("rtsp://***@10.0.0.5:554/stream1", a.shown());
        assertEquals(StreamAddress.Kind.DEVICE, StreamAddress.parse("/dev/video0").kind());
        assertEquals(StreamAddress.Kind.FILE, StreamAddress.parse("clip.mp4").kind());
        assertEquals(StreamAddress.Kind.NETWORK, StreamAddress.parse("srt://127.0.0.1:9000").kind());
        assertNotNull(StreamAddress.parse("file:///tmp/a.mp4").file());
    }
}
