package nero.io.video;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's ffmpeg serving a video as MPEG-TS over UDP to 127.0.0.1 in real time ({@code -re}), for tests of live
 * sources: loopback only, and bounded (it stops by itself at the end of the file or after {@code maxSeconds}, and
 * {@link #close()} ends it). Callers check {@code Ffmpeg.require()} first.
 */
public final class UdpSender implements AutoCloseable {
    private final Process process;
    public final String url;

    private UdpSender(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** A UDP port on the loopback interface that nothing listens on now. */
    public static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts sending {@code video} (stream copy) to udp://127.0.0.1:PORT; {@code loop}: repeat until the limit. */
    public static UdpSender start(Path video, boolean loop, double maxSeconds) throws IOException {
        String url = "udp://127.0.0.1:" + freePort();
        List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error",
                "-nostdin", "-re"));
        if (loop) {
            cmd.addAll(List.of("-stream_loop", "-1"));
        }
        cmd.addAll(List.of("-i", video.toString(), "-t", Double.toString(maxSeconds), "-c", "copy", "-f", "mpegts",
                url + "?pkt_size=1316"));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new UdpSender(p, url);
    }

    /** Waits until ffmpeg has sent everything (a guard of 60 s against a hung process). */
    public void awaitEnd() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("ffmpeg did not stop sending within 60 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
