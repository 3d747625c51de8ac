package nero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import nero.app.live.TimelineTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code score --timeline/--segments} on a video: the picture and the segments table of its stills. */
class ScoreTimelineCliTest {
    private static final Path VIDEO = SampleDetector.SAMPLE.resolve("video/cecum-to-polyp.mp4");

    @TempDir
    Path tmp;

    @Test
    void aVideosTimelineAndSegmentsAreWrittenBesideItsScoreTable() throws IOException {
        Path png = tmp.resolve("timeline.png");
        Path segments = tmp.resolve("segments.csv");
        Path csv = tmp.resolve("scores.csv");
        Cli.Result r = Cli.run("score", "--detector", SampleDetector.detector(), "--video-step", "all", "--out", csv,
                "--timeline", png, "--segments", segments, VIDEO);
        assertEquals(0, r.code(), r.toString());
        List<String> rows = Files.readAllLines(segments);
        assertEquals(String.join(",", TimelineTables.SEGMENT_COLUMNS), rows.get(0));
        long oodStills = Files.readAllLines(csv).stream().filter(l -> l.endsWith(",OOD")).count();
        int oodInSegments = rows.stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[9])).sum();
        assertTrue(oodInSegments <= oodStills && (oodStills == 0 || rows.size() > 1),
                "segments are made of the OOD stills\n" + String.join("\n", rows));
        var picture = ImageIO.read(png.toFile());
        assertEquals(1200, picture.getWidth());
    }

    @Test
    void aTimelineNeedsOneVideoAndItsOwnFile() throws IOException {
        Path detector = SampleDetector.detector();
        Cli.assertBadInput(Cli.run("score", "--detector", detector, "--timeline", tmp.resolve("t.png"),
                SampleDetector.SAMPLE.resolve("video"), VIDEO), "a timeline is drawn for one video");
        Cli.assertBadInput(Cli.run("score", "--detector", detector, "--timeline", tmp.resolve("same"), "--segments",
                tmp.resolve("same"), VIDEO), "are both");
        Cli.assertBadInput(Cli.run("score", "--detector", detector, "--segments", tmp.resolve("s.csv"),
                SampleDetector.firstFile(SampleDetector.SAMPLE.resolve("ood"))), "gave no video stills");
        assertEquals(List.of(), Cli.filesUnder(tmp), "nothing written");
    }
}
