package nero.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import nero.io.CsvTables;

/**
 * Writes the per-image vectors for analysis: {@code index.csv} (path, label), {@code features.csv},
 * {@code logits.csv} and {@code relevance.csv} (bias column last). One header row, one row per image in the same
 * order, first column {@code path}; each file through {@link CsvTables}, so none is half-written.
 */
public final class VectorFiles {
    private VectorFiles() {
    }

    public static void write(Path dir, FeatureSet samples, List<String> classNames, float[][] relevance) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("cannot create the vectors folder " + dir + ": " + e.getMessage(), e);
        }
        String[] ids = samples.ids();
        int[] labels = samples.labels();
        try (CsvTables.RowWriter index = CsvTables.open(dir.resolve("index.csv"), List.of("path", "label"))) {
            for (int i = 0; i < ids.length; i++) {
                index.row(List.of(ids[i],
                        labels[i] >= 0 && labels[i] < classNames.size() ? classNames.get(labels[i]) : ""));
            }
            index.commit();
        }
        writeMatrix(dir.resolve("features.csv"), ids, samples.features(), "f", false);
        writeMatrix(dir.resolve("logits.csv"), ids, samples.logits(), "logit_", false);
        writeMatrix(dir.resolve("relevance.csv"), ids, relevance, "r", true);
    }

    private static void writeMatrix(Path file, String[] ids, float[][] rows, String prefix, boolean lastIsBias) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        List<String> header = new ArrayList<>(width + 1);
        header.add("path");
        for (int j = 0; j < width; j++) {
            header.add(lastIsBias && j == width - 1 ? "bias" : prefix + j);
        }
        try (CsvTables.RowWriter csv = CsvTables.open(file, header)) {
            List<String> row = new ArrayList<>(width + 1);
            for (int i = 0; i < ids.length; i++) {
                row.clear();
                row.add(ids[i]);
                for (float v : rows[i]) {
                    row.add(Float.toString(v));
                }
                csv.row(row);
            }
            csv.commit();
        }
    }
}
