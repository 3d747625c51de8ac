package nero.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import nero.io.table.CsvTables;

/**
 * Writes the per-image vectors for analysis: {@code index.csv} (path, label), {@code features.csv},
 * {@code logits.csv} and {@code relevance.csv} (bias column last). One header row, one row per image in the same
 * order, first column {@code path}; through {@link CsvTables}, as one set: never half-written, never mixed.
 */
public final class VectorFiles {
    /** The files written into the vectors folder. */
    static final List<String> NAMES = List.of("index.csv", "features.csv", "logits.csv", "relevance.csv");

    private VectorFiles() {
    }

    /**
     * Writes the four files as one set: each goes to a temporary file, and the four are renamed into place only
     * when all are complete, so an interrupted or failed run leaves the previous set (or none), never a mix.
     */
    public static void write(Path dir, FeatureSet samples, List<String> classNames, float[][] relevance) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("cannot create the vectors folder " + dir + ": " + e.getMessage(), e);
        }
        String[] ids = samples.ids();
        int[] labels = samples.labels();
        try (CsvTables.RowWriter index = CsvTables.open(dir.resolve(NAMES.get(0)), List.of("path", "label"));
                CsvTables.RowWriter features = matrix(dir.resolve(NAMES.get(1)), ids, samples.features(), "f", false);
                CsvTables.RowWriter logits = matrix(dir.resolve(NAMES.get(2)), ids, samples.logits(), "logit_", false);
                CsvTables.RowWriter rel = matrix(dir.resolve(NAMES.get(3)), ids, relevance, "r", true)) {
            for (int i = 0; i < ids.length; i++) {
                index.row(List.of(ids[i],
                        labels[i] >= 0 && labels[i] < classNames.size() ? classNames.get(labels[i]) : ""));
            }
            CsvTables.commitAll(List.of(index, features, logits, rel));
        }
    }

    /** A filled, not yet committed table of one row per image. */
    private static CsvTables.RowWriter matrix(Path file, String[] ids, float[][] rows, String prefix,
            boolean lastIsBias) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        List<String> header = new ArrayList<>(width + 1);
        header.add("path");
        for (int j = 0; j < width; j++) {
            header.add(lastIsBias && j == width - 1 ? "bias" : prefix + j);
        }
        CsvTables.RowWriter csv = CsvTables.open(file, header);
        try {
            List<String> row = new ArrayList<>(width + 1);
            for (int i = 0; i < ids.length; i++) {
                row.clear();
                row.add(ids[i]);
                for (float v : rows[i]) {
                    row.add(Float.toString(v));
                }
                csv.row(row);
            }
            return csv;
        } catch (RuntimeException e) {
            csv.close();
            throw e;
        }
    }
}
