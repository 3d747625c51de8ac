package nero.io.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import nero.io.FrameSampling;
import nero.io.ImageSource;
import nero.io.ImageSources;
import nero.io.SourceItem;
import org.jcodec.api.awt.AWTSequenceEncoder;

/**
 * Decoding speed of video stills at 720×576: writes an H.264 MP4 with JCodec (a textured, moving scene), then
 * decodes every frame to an RGB ImagePlus through {@link ImageSources#video}, several passes, and prints frames/s.
 * Usage: {@code java -cp … nero.io.bench.VideoDecodeBenchmark [frames=150] [passes=3] [video.mp4]}
 * ({@code -Dnero.bench.step=150} converts only one still in 150, measuring decoding alone); with a file
 * argument it decodes that file instead of generating one.
 */
public final class VideoDecodeBenchmark {
    private VideoDecodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int step = Integer.getInteger("nero.bench.step", 1); // >1: decode all, convert every step-th (decode-only cost)
        Path video;
        if (args.length > 2) {
            video = Path.of(args[2]);
        } else {
            video = Files.createTempFile("nero-bench-", ".mp4");
            video.toFile().deleteOnExit();
            long t0 = System.nanoTime();
            write(video, 720, 576, frames);
            System.out.printf("wrote %d frames 720x576 H.264 MP4 (%d bytes) in %.1f s%n", frames, Files.size(video),
                    (System.nanoTime() - t0) / 1e9);
        }
        for (int pass = 1; pass <= passes; pass++) {
            long t0 = System.nanoTime();
            int n = 0;
            long checksum = 0;
            try (ImageSource src = ImageSources.video(video, FrameSampling.every(step))) {
                for (SourceItem item : src) {
                    checksum += item.read().getProcessor().getPixel(360, 288);
                    n++;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("pass %d: %d frames decoded, %d converted in %.2f s = %.1f decoded frames/s (checksum %d)%n",
                    pass, n * step, n, s, n * step / s, checksum);
        }
    }

    private static void write(Path file, int w, int h, int frames) throws Exception {
        Random rnd = new Random(42);
        BufferedImage texture = new BufferedImage(w + 200, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D tg = texture.createGraphics();
        for (int i = 0; i < 400; i++) {
            tg.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)));
            tg.fillOval(rnd.nextInt(w + 200), rnd.nextInt(h), 10 + rnd.nextInt(80), 10 + rnd.nextInt(80));
        }
        tg.dispose();
        AWTSequenceEncoder enc = AWTSequenceEncoder.createSequenceEncoder(new File(file.toString()), 25);
        for (int f = 0; f < frames; f++) {
            BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = frame.createGraphics();
            g.drawImage(texture, -(f % 200), 0, null);
            g.dispose();
            enc.encodeImage(frame);
        }
        enc.finish();
    }
}
