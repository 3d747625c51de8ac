package nero.io.video;

import ij.IJ;
import java.util.concurrent.atomic.AtomicBoolean;
import nero.io.FfmpegLibrary;

/**
 * Chooses the video decoder: FFmpeg where its natives load, else JCodec (pure Java). The choice is said once per
 * JVM, in Fiji's Log window when ImageJ runs with a window, else on standard error (never standard output, which
 * carries the command line's data).
 */
public final class VideoDecoders {
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private VideoDecoders() {
    }

    /** Whether FFmpeg decodes videos in this JVM (loads its natives on the first call). */
    public static boolean useFfmpeg() {
        boolean ffmpeg = FfmpegLibrary.available();
        if (TOLD.compareAndSet(false, true)) {
            tell(ffmpeg ? "NERO: video decoding with FFmpeg " + FfmpegLibrary.version() + " (native, LGPL build)"
                    : "NERO: video decoding with JCodec (pure Java: progressive 8-bit 4:2:0 H.264 in MP4/MOV/MPEG-TS, "
                    + "MPEG-2 in MPEG-PS; other videos are refused with an ffmpeg command to convert them) because "
                    + FfmpegLibrary.problem());
        }
        return ffmpeg;
    }

    private static void tell(String line) {
        if (IJ.getInstance() != null) {
            IJ.log(line);
        } else {
            System.err.println(line);
        }
    }
}
