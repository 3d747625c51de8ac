package nero.io.video;

import java.nio.file.Path;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.source.ImageSources;

/**
 * Run in a JVM without FFmpeg's native jar by {@link FfmpegNativesMissingTest}: prints each item of a video, its id
 * and either "ok" or its error message, one per line.
 */
public final class FallbackProbe {
    private FallbackProbe() {
    }

    public static void main(String[] args) {
        try (ImageSource src = ImageSources.video(Path.of(args[0]), FrameSampling.every(1))) {
            for (SourceItem item : src) {
                String result;
                try {
                    item.read();
                    result = "ok";
                } catch (RuntimeException e) {
                    result = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                System.out.println(item.id() + " -> " + result);
            }
        }
    }
}
