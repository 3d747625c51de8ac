package nero.io.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.source.ImageSources;
import nero.io.video.FrameSampling;

/**
 * Video decoding speed, FFmpeg against the pure-Java fallback (JCodec), on videos the system's ffmpeg writes: 720×576
 * and 1920×1080, progressive H.264 in MP4, interlaced H.264 in MPEG-TS, interlaced MPEG-2 in MPEG-PS (testsrc2 with
 * moving grain, 25 fps). Every frame is decoded and one still per second converted to RGB, as {@code ./nero score}
 * does by default, but without seeking (so the figure is the decoding rate). Then the seeking figure: stills every
 * few seconds from the 1080p MP4 (key frame every 2 s), frames decoded per still kept, with and without seeking.
 * Prints wall and CPU time (the whole JVM's), and markdown table rows ("| …") for docs/benchmarks.md.
 *
 * <pre>
 * ./nero bench video [seconds=20] [passes=2] [video files…]
 * </pre>
 * With files, it decodes those instead (frames counted up to the last still kept).
 */
public final class VideoDecodeBenchmark {
    private static final Path DIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
            .resolve("target/bench/video");

    private VideoDecodeBenchmark() {
    }

    private record Input(String name, String size, String description, List<String> options) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<Path> files = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (args.length > 2) {
            for (int i = 2; i < args.length; i++) {
                files.add(Path.of(args[i]));
                labels.add(args[i]);
            }
        } else {
            for (Input in : inputs()) {
                files.add(write(in, seconds));
                labels.add(in.description());
            }
        }
        System.out.printf("%d cores, %s; each figure the best of %d passes; CPU = the JVM's process CPU time%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), passes);
        List<String> rows = new ArrayList<>();
        System.setProperty("nero.video.seek", "false");
        for (int i = 0; i < files.size(); i++) {
            for (String decoder : new String[] {"FFmpeg", "JCodec"}) {
                System.setProperty("nero.ffmpeg", decoder.equals("FFmpeg") ? "on" : "off");
                Result best = null;
                for (int pass = 0; pass < passes; pass++) {
                    Result r = decode(files.get(i), FrameSampling.seconds(1.0));
                    if (args.length <= 2 && r.problem == null) {
                        r = new Result(seconds * 25L, r.stills, r.wall, r.cpu, null); // frames after the last still too
                    }
                    best = best == null || r.wall < best.wall ? r : best;
                }
                String row = best.problem != null
                        ? String.format(Locale.ROOT, "| %s | %s | refused: %s | | | |", labels.get(i), decoder,
                                shorten(best.problem))
                        : String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.0f | %.0f |", labels.get(i), decoder,
                                best.frames, best.wall, best.frames / best.wall, best.frames / best.cpu);
                System.out.println("  " + row); // progress; the table comes at the end
                rows.add(row);
            }
        }
        System.clearProperty("nero.ffmpeg");
        if (args.length <= 2) {
            seeking(files.get(2), labels.get(2), Math.max(2, seconds / 4));
        }
        System.out.println();
        System.out.println("| input | decoder | frames decoded | wall s | frames/s (wall) | frames per CPU-second |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private static String shorten(String message) {
        String m = message.replaceAll("\\. Convert it with ffmpeg.*", "");
        int paren = m.indexOf("unsupported video");
        return paren >= 0 ? m.substring(paren) : m;
    }

    /** Stills every {@code step} s from the given file, decoding all frames and seeking, with frames decoded per still. */
    private static void seeking(Path file, String label, int step) {
        System.out.println();
        System.out.println("| seeking: " + label + ", one still every " + step + " s | stills | frames decoded "
                + "| frames decoded per still | wall s | CPU s |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (String seek : new String[] {"false", "true"}) {
            System.setProperty("nero.video.seek", seek);
            Result r = decode(file, FrameSampling.seconds(step));
            System.out.printf(Locale.ROOT, "| FFmpeg, %s | %d | %d | %.1f | %.2f | %.2f |%n",
                    seek.equals("true") ? "seeking to the key frame before each still" : "decoding every frame",
                    r.stills, r.frames, (double) r.frames / Math.max(1, r.stills), r.wall, r.cpu);
        }
        System.clearProperty("nero.video.seek");
    }

    private record Result(long frames, int stills, double wall, double cpu, String problem) {
    }

    private static Result decode(Path video, FrameSampling sampling) {
        long wall0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        long frames = 0;
        int stills = 0;
        String problem = null;
        try (ImageSource src = ImageSources.video(video, sampling)) {
            for (SourceItem item : src) {
                try {
                    item.read();
                    stills++;
                    frames += Long.parseLong(item.metadata().getOrDefault("frames_decoded", "0"));
                } catch (RuntimeException e) {
                    problem = e.getMessage();
                }
            }
        }
        return new Result(frames, stills, (System.nanoTime() - wall0) / 1e9, (processCpuNanos() - cpu0) / 1e9, problem);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Bit rates of the order endoscopy towers record at (H.264 4 / 12 Mbit/s, MPEG-2 8 / 20 Mbit/s for SD / HD). */
    private static List<Input> inputs() {
        List<Input> all = new ArrayList<>();
        all.add(new Input("sd-h264.mp4", "720x576", "720×576 H.264 progressive, MP4, 4 Mbit/s", h264("4M", false)));
        all.add(new Input("sd-h264-interlaced.ts", "720x576", "720×576 H.264 interlaced, MPEG-TS, 4 Mbit/s",
                h264("4M", true)));
        all.add(new Input("hd-h264.mp4", "1920x1080", "1920×1080 H.264 progressive, MP4, 12 Mbit/s",
                h264("12M", false)));
        all.add(new Input("hd-h264-interlaced.ts", "1920x1080", "1920×1080 H.264 interlaced (1080i), MPEG-TS, 12 Mbit/s",
                h264("12M", true)));
        all.add(new Input("sd-mpeg2-interlaced.mpg", "720x576", "720×576 MPEG-2 interlaced, MPEG-PS, 8 Mbit/s",
                mpeg2("8M")));
        all.add(new Input("hd-mpeg2-interlaced.mpg", "1920x1080", "1920×1080 MPEG-2 interlaced, MPEG-PS, 20 Mbit/s",
                mpeg2("20M")));
        return all;
    }

    private static List<String> h264(String rate, boolean interlaced) {
        List<String> o = new ArrayList<>(List.of("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-b:v",
                rate, "-maxrate", rate, "-bufsize", rate, "-g", "50", "-bf", "2"));
        if (interlaced) {
            o.addAll(List.of("-flags", "+ilme+ildct", "-top", "1", "-f", "mpegts"));
        }
        return o;
    }

    private static List<String> mpeg2(String rate) {
        return List.of("-c:v", "mpeg2video", "-b:v", rate, "-maxrate", rate, "-bufsize", "4M", "-g", "12", "-bf", "2",
                "-flags", "+ilme+ildct", "-top", "1", "-f", "mpeg");
    }

    /** The video, written once per duration with the system's ffmpeg (kept in target/bench/video). */
    private static Path write(Input in, int seconds) throws IOException, InterruptedException {
        Path out = DIR.resolve(seconds + "s-v2-" + in.name());
        if (Files.exists(out)) {
            return out;
        }
        Files.createDirectories(DIR);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + in.size() + ":rate=25,noise=alls=6:allf=t", "-t",
                Integer.toString(seconds)));
        cmd.addAll(in.options());
        Path tmp = DIR.resolve("tmp-" + out.getFileName());
        cmd.add(tmp.toString());
        System.out.println("writing " + out.getFileName() + " with ffmpeg…");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("ffmpeg could not write " + out + " (is ffmpeg with libx264 installed?): " + log);
        }
        Files.move(tmp, out);
        return out;
    }
}
