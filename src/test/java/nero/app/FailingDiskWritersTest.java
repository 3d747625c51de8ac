package nero.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import nero.core.AtomicFiles;
import nero.core.FailingDisk;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import nero.io.table.CsvTables;
import nero.view.ViewFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every writer of the project on a disk that fills up (at the first byte, inside the first buffer, after several)
 * or fails when the data are forced to it: one message naming the file and the disk's reason, the previous files
 * as they were, no temporary left. ImageJ's PNG saver used to report such a failure in a dialog and answer
 * "saved", leaving cut PNGs.
 */
class FailingDiskWritersTest {
    @TempDir
    Path dir;

    /** A writer of one or more files, the files it writes, and what it writes (run on the failing disk). */
    private record Writer(String name, List<String> files, Runnable write) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> disks() {
        List<Arguments> all = new ArrayList<>();
        List<String> large = List.of("png", "tiff", "imagej table", "csv table", "vectors"); // beyond 200 kB
        for (String writer : List.of("png", "tiff", "imagej table", "csv table", "score table", "vectors",
                "evaluation")) {
            for (long room : large.contains(writer) ? new long[] {0, 40, 5_000, 200_000} : new long[] {0, 40}) {
                all.add(Arguments.of(writer, (Supplier<FailingDisk>) () -> FailingDisk.fullAfter(room),
                        FailingDisk.FULL));
            }
            all.add(Arguments.of(writer, (Supplier<FailingDisk>) FailingDisk::failingOnClose, FailingDisk.BROKEN));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("disks")
    void aFailingDiskLeavesThePreviousFilesAndOneMessage(String name, Supplier<FailingDisk> failing, String reason)
            throws Exception {
        Writer writer = writer(name);
        Map<Path, String> previous = new LinkedHashMap<>();
        for (String f : writer.files()) {
            previous.put(dir.resolve(f), Files.writeString(dir.resolve(f), "previous " + f).toString());
        }
        InvalidInputException e;
        try (FailingDisk disk = failing.get()) {
            e = assertThrows(InvalidInputException.class, writer.write()::run);
        }
        assertTrue(e.getMessage().startsWith("cannot write " + dir + "/"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": " + reason), e.getMessage());
        assertTrue(writer.files().stream().anyMatch(f -> e.getMessage().equals("cannot write " + dir.resolve(f)
                + ": " + reason)), e.getMessage());
        for (Path f : previous.keySet()) {
            assertEquals("previous " + f.getFileName(), Files.readString(f), f + " must be left as it was");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(AtomicFiles::isTemporary).toList(), "no temporary file left");
        }
    }

    private Writer writer(String name) {
        return switch (name) {
            case "png" -> new Writer(name, List.of("heatmap.png"), () -> ViewFiles.png(noise(), dir.resolve("heatmap.png")));
            case "tiff" -> new Writer(name, List.of("heatmap.tif"), () -> ViewFiles.tiff(noise(), dir.resolve("heatmap.tif")));
            case "imagej table" -> new Writer(name, List.of("top.csv"), () -> ViewFiles.csv(table(), dir.resolve("top.csv")));
            case "csv table" -> new Writer(name, List.of("t.csv"),
                    () -> CsvTables.write(dir.resolve("t.csv"), List.of("a", "b"), rows()));
            case "score table" -> new Writer(name, List.of("scores.csv"),
                    () -> ScoreCsv.write(dir.resolve("scores.csv"), List.of(scoreRow()), List.of()));
            case "vectors" -> new Writer(name, List.of("index.csv", "features.csv", "logits.csv", "relevance.csv"),
                    () -> VectorFiles.write(dir, features(), List.of("x", "y"), features().features()));
            case "evaluation" -> new Writer(name, List.of(Reports.Evaluate.METRICS_CSV, Reports.Evaluate.SCORES_CSV),
                    () -> EvaluationFiles.write(dir, List.of(new Reports.MethodMetrics("nero", 0.9, 0.1, 0.8, 0.7)),
                            List.of("a"), List.of("b"), Map.of("nero", new double[] {1}),
                            Map.of("nero", new double[] {2})));
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** 400×300 RGB noise (a PNG of several hundred kB) with an overlay, as a heatmap view has. */
    private static ImagePlus noise() {
        Random random = new Random(1);
        ColorProcessor cp = new ColorProcessor(400, 300);
        for (int i = 0; i < 400 * 300; i++) {
            cp.set(i, random.nextInt(1 << 24));
        }
        ImagePlus image = new ImagePlus("noise", cp);
        image.setOverlay(new Overlay(new Roi(10, 10, 50, 40)));
        return image;
    }

    private static ResultsTable table() {
        ResultsTable t = new ResultsTable();
        for (int i = 0; i < 20_000; i++) {
            t.incrementCounter();
            t.addValue("neuron", i);
            t.addValue("relevance", i * 0.001);
        }
        return t;
    }

    private static List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            rows.add(List.of("image-" + i + ".png", Double.toString(i / 7.0)));
        }
        return rows;
    }

    private static Reports.ScoreRow scoreRow() {
        return new Reports.ScoreRow("a.png", "cecum", 0.9, 1.5, 1.0, 0.2, 0.5, "cecum", 1.0, true, Map.of());
    }

    private static FeatureSet features() {
        int n = 2_000;
        String[] ids = new String[n];
        float[][] f = new float[n][16];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "images/" + i + ".png";
            for (int j = 0; j < 16; j++) {
                f[i][j] = i * 0.37f + j;
            }
            labels[i] = i % 2;
        }
        return new FeatureSet(ids, f, f, labels);
    }

}
