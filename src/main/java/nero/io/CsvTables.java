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

/**
 * Writes CSV tables (RFC 4180, '\n' line ends) atomically: rows go to a temporary file next to the target, which is
 * renamed over the target only when complete, so a failed or interrupted job never leaves a half-written table.
 */
public final class CsvTables {
    private CsvTables() {
    }

    /** Writes a whole table at once. */
    public static void write(Path file, List<String> header, List<List<String>> rows) {
        try (RowWriter w = open(file, header)) {
            for (List<String> row : rows) {
                w.row(row);
            }
            w.commit();
        }
    }

    /** A streaming writer for tables too long to hold in memory; call {@link RowWriter#commit()} at the end. */
    public static RowWriter open(Path file, List<String> header) {
        return new RowWriter(file, header);
    }

    /** Rows to a temporary file; {@link #commit()} renames it over the target, {@link #close()} without commit discards it. */
    public static final class RowWriter implements AutoCloseable {
        private final Path target;
        private final int columns;
        private Path tmp;
        private CSVPrinter printer;

        private RowWriter(Path file, List<String> header) {
            this.target = file.toAbsolutePath();
            this.columns = header.size();
            try {
                Files.createDirectories(target.getParent());
                // a plain sibling file (not createTempFile, whose 0600 mode would survive the rename)
                tmp = Files.createFile(target.getParent().resolve("." + target.getFileName() + "."
                        + java.util.UUID.randomUUID() + ".tmp"));
                Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                printer = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new))
                        .setRecordSeparator('\n').build());
            } catch (IOException e) {
                close();
                throw new InvalidInputException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        public void row(List<String> values) {
            if (values.size() != columns) {
                throw new InvalidInputException(target + ": CSV row has " + values.size() + " values but the header has "
                        + columns + " columns");
            }
            try {
                printer.printRecord(values);
            } catch (IOException e) {
                throw new InvalidInputException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }

        /** Completes the table: flushes and atomically replaces the target. */
        public void commit() {
            try {
                printer.close();
                printer = null;
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                tmp = null;
            } catch (IOException e) {
                throw new InvalidInputException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                if (printer != null) {
                    printer.close();
                }
            } catch (IOException ignored) {
                // discarding anyway
            }
            printer = null;
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover hidden temporary file is harmless
                }
                tmp = null;
            }
        }
    }
}
