package nero.io.table;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import nero.core.AtomicFiles;
import nero.core.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV writer (RFC 4180, '\n' line ends, UTF-8, cells that a spreadsheet would run as formulas defused):
 * every table the project writes goes through it. Rows go to a temporary file that replaces the target only when
 * complete and on disk ({@link AtomicFiles}), so a failed or interrupted job never leaves a half-written table.
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

    /** Prints a whole table to a stream (e.g. standard output), in the same format. */
    public static void print(Appendable out, List<String> header, List<List<String>> rows) {
        try {
            CSVPrinter printer = new CSVPrinter(out, format(header));
            for (List<String> row : rows) {
                printer.printRecord(safe(row));
            }
            printer.flush();
        } catch (IOException e) {
            throw new InvalidInputException("cannot print the table: " + e.getMessage(), e);
        }
    }

    /**
     * A cell as a spreadsheet will not run it: text that starts with = + - @ (or a tab or carriage return, which
     * some spreadsheets skip first) is a formula to Excel and LibreOffice, so a file or class named
     * {@code =HYPERLINK(…)} would become a live link or command. Such text gets a leading apostrophe (shown as text,
     * OWASP's advice); numbers such as -0.25 or -Infinity are left as they are.
     */
    public static String safeCell(String cell) {
        if (cell == null || cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0 || isNumber(cell)) {
            return cell;
        }
        return "'" + cell;
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell);
            return !cell.endsWith("d") && !cell.endsWith("D") && !cell.endsWith("f") && !cell.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> safe(List<String> row) {
        List<String> out = null;
        for (int i = 0; i < row.size(); i++) {
            String cell = row.get(i);
            String safe = safeCell(cell);
            if (safe != cell) {
                if (out == null) {
                    out = new java.util.ArrayList<>(row);
                }
                out.set(i, safe);
            }
        }
        return out == null ? row : out;
    }

    private static CSVFormat format(List<String> header) {
        return CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).setRecordSeparator('\n').build();
    }

    /** A streaming writer for tables too long to hold in memory; call {@link RowWriter#commit()} at the end. */
    public static RowWriter open(Path file, List<String> header) {
        return new RowWriter(file, header);
    }

    /**
     * Commits tables that belong together (--vectors' four, evaluate's two) as one set: every table is completed
     * (flushed, where a full disk shows) before any replaces its target, so a failure leaves the previous set.
     */
    public static void commitAll(List<RowWriter> tables) {
        for (RowWriter t : tables) {
            t.finish();
        }
        for (RowWriter t : tables) {
            t.commit();
        }
    }

    /** Rows to a temporary file; {@link #commit()} renames it over the target, {@link #close()} without commit discards it. */
    public static final class RowWriter implements AutoCloseable {
        private final Path target;
        private final int columns;
        private final AtomicFiles.Pending pending;
        private CSVPrinter printer;

        private RowWriter(Path file, List<String> header) {
            this.target = file.toAbsolutePath();
            this.columns = header.size();
            this.pending = AtomicFiles.begin(target);
            try {
                printer = new CSVPrinter(new OutputStreamWriter(pending.stream(), StandardCharsets.UTF_8),
                        format(header));
            } catch (IOException e) {
                InvalidInputException failure = pending.failed(e);
                close();
                throw failure;
            }
        }

        public void row(List<String> values) {
            if (values.size() != columns) {
                throw new InvalidInputException(target + ": CSV row has " + values.size() + " values but the header has "
                        + columns + " columns");
            }
            try {
                printer.printRecord(safe(values));
            } catch (IOException e) {
                throw pending.failed(e);
            }
        }

        /** Completes the table: flushes and atomically replaces the target. */
        public void commit() {
            finish();
            pending.commit();
        }

        /**
         * Completes the temporary file (flushed, forced to disk: a full disk shows here at the latest), without
         * replacing the target yet.
         */
        void finish() {
            if (printer != null) {
                CSVPrinter p = printer;
                printer = null;
                try {
                    p.close(); // flushes into the temporary file's stream, which stays open for finish()
                } catch (IOException e) {
                    throw pending.failed(e);
                }
            }
            pending.finish();
        }

        /** Discards the table unless it was committed (the printer holds nothing but the temporary file's stream). */
        @Override
        public void close() {
            printer = null;
            pending.close();
        }
    }
}
