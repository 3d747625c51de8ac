package nero.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --timeline} and {@code --segments}, mixed into score and watch: what a video's timeline writes at the end. */
final class TimelineOptions implements SharedOptions {
    @Option(names = "--timeline", paramLabel = "PNG", description = "draw the timeline of one video or stream (score "
            + "over time, threshold, OOD segments shaded, thumbnails) into this PNG")
    Path picture;
    @Option(names = "--segments", paramLabel = "CSV", description = "write the OOD segments of one video or stream to "
            + "this CSV")
    Path segments;

    /** The commands' {@code timeline} and {@code segments} fields. */
    @Override
    public void addTo(CommandCall<?> call) {
        call.input("timeline", "--timeline", picture).input("segments", "--segments", segments);
    }
}
