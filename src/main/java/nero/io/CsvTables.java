package nero.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import nero.core.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes CSV tables atomically: a temporary file next to the target, renamed over it when complete. */
public final class CsvTables {
    private CsvTables() {
    }

    public static void write(Path file, List<String> header, List<List<String>> rows) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new))
                    .setRecordSeparator('\n').build();
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                    CSVPrinter printer = new CSVPrinter(w, format)) {
                for (List<String> row : rows) {
                    if (row.size() != header.size()) {
                        throw new InvalidInputException(file + ": CSV row has " + row.size() + " values but the header has "
                                + header.size() + " columns");
                    }
                    printer.printRecord(row);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more than a leftover temporary file
                }
            }
        }
    }
}
