package nero.app;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the per-image vectors for analysis: {@code index.csv} (path, label), {@code features.csv},
 * {@code logits.csv} and {@code relevance.csv} (bias column last). One header row, one row per image in the same
 * order, first column {@code path}. Each file is written to a temporary name and renamed, so none is half-written.
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
        List<String> indexHeader = List.of("path", "label");
        writeCsv(dir.resolve("index.csv"), indexHeader, ids.length, (i, row) -> {
            row.add(ids[i]);
            row.add(labels[i] >= 0 && labels[i] < classNames.size() ? classNames.get(labels[i]) : "");
        });
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
        writeCsv(file, header, ids.length, (i, row) -> {
            row.add(ids[i]);
            for (float v : rows[i]) {
                row.add(Float.toString(v));
            }
        });
    }

    interface RowFiller {
        void fill(int index, List<String> row);
    }

    static void writeCsv(Path file, List<String> header, int rows, RowFiller filler) {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (Writer w = Files.newBufferedWriter(tmp);
                CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            printer.printRecord(header);
            List<String> row = new ArrayList<>(header.size());
            for (int i = 0; i < rows; i++) {
                row.clear();
                filler.fill(i, row);
                printer.printRecord(row);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw cannotWrite(file, e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw cannotWrite(file, e);
        }
    }

    /** Writing a result is the user's environment (a full disk, permissions, a folder in the way), not a bug. */
    private static InvalidInputException cannotWrite(Path file, IOException e) {
        String why = e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        return new InvalidInputException("cannot write " + file + ": " + why, e);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the original error is what the user needs to see
        }
    }
}
