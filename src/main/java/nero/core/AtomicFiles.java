package nero.core;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The one way this project writes a file: its bytes go through a checked stream into a temporary sibling with a
 * short name ({@code .nero-XXXXXXXXXX.tmp}, so any legal target name works), which is flushed, forced to disk and
 * closed, then renamed over the target. A reader never sees a half-written detector, table or picture; a failed
 * job leaves the previous file as it was and no temporary behind. A failure is the user's environment (full disk,
 * I/O error, read-only or missing folder): an {@link InvalidInputException} {@code cannot write FILE: REASON}.
 */
public final class AtomicFiles {
    private static final String TEMPORARY_PREFIX = ".nero-";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Storage DISK = AtomicFiles::durableStream;
    private static volatile Storage storage = DISK;

    private AtomicFiles() {
    }

    /** Writes a file's bytes. The stream is buffered; closing it is allowed and does not end the write. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Where the bytes of a temporary file go: the file system, whose stream forces the data to disk on
     * {@code close()}; tests put a stream that fails as a full or broken disk does ({@link #useStorage}).
     */
    @FunctionalInterface
    public interface Storage {
        OutputStream open(Path temporary) throws IOException;
    }

    /** Writes {@code target} in one step: {@code content} fills a temporary sibling, which then replaces it. */
    public static void write(Path target, Content content) {
        try (Pending pending = begin(target)) {
            try {
                content.writeTo(pending.stream());
            } catch (IOException e) {
                throw pending.failed(e);
            }
            pending.commit();
        }
    }

    /**
     * A temporary sibling of {@code target} for content written bit by bit; {@link Pending#commit()} completes it
     * and renames it over the target, {@link Pending#close()} without a commit deletes it.
     */
    public static Pending begin(Path target) {
        return new Pending(target.toAbsolutePath());
    }

    /**
     * Every file written from now on goes to {@code s} until the returned handle is closed: a test seam to show
     * that each writer reports a disk that fails (ENOSPC, EIO) by name and leaves no partial file.
     */
    public static AutoCloseable useStorage(Storage s) {
        Storage previous = storage;
        storage = Objects.requireNonNull(s);
        return () -> storage = previous;
    }

    /** Whether a file name is one of this class's temporaries (a leftover of a killed process, say). */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return name.startsWith(TEMPORARY_PREFIX) && name.endsWith(TEMPORARY_SUFFIX);
    }

    /**
     * Why a rename over {@code target} would destroy something rather than replace a file, or null: a symbolic link
     * (the link, not what it points to, would be replaced), a device such as /dev/null (replaced by a plain file, for
     * every program on the machine), a named pipe, a socket or a folder.
     */
    public static String whyNotReplaceable(Path target) {
        Path t = target.toAbsolutePath();
        if (Files.isSymbolicLink(t)) {
            return "the path is a symbolic link (writing would replace the link, not the file it points to)";
        }
        if (Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
            return "the path is a folder";
        }
        if (Files.exists(t, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS)) {
            return "the path is a device, pipe or other special file, not a plain file";
        }
        return null;
    }

    private static void checkReplaceable(Path target) {
        String why = whyNotReplaceable(target);
        if (why != null) {
            throw new InvalidInputException("cannot write " + target + ": " + why + "; nothing was written");
        }
    }

    /** The file system's stream: unbuffered writes to the file; close() forces them to disk, then closes. */
    private static OutputStream durableStream(Path temporary) throws IOException {
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
        return new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try (channel) {
                    channel.force(true);
                }
            }
        };
    }

    public static final class Pending implements AutoCloseable {
        private final Path target;
        private Path temporary;
        private CheckedStream stream;

        private Pending(Path target) {
            this.target = target;
            checkReplaceable(target);
            try {
                Files.createDirectories(target.getParent());
                temporary = createTemporary(target.getParent());
                stream = new CheckedStream(storage.open(temporary));
            } catch (IOException e) {
                close();
                throw cannotWrite(target, e);
            }
        }

        /**
         * The temporary file's stream (buffered). A content that closes it only flushes it: the file is completed
         * by {@link #finish()} or {@link #commit()}.
         */
        public OutputStream stream() {
            if (stream == null) {
                throw new IllegalStateException(target + " is already complete");
            }
            return stream.shielded;
        }

        /**
         * The message for a failure while the content was written: the disk's own error when the stream saw one
         * (an encoder may have wrapped it in its own words), else the failure itself.
         */
        public InvalidInputException failed(IOException e) {
            return cannotWrite(target, stream != null && stream.failure != null ? stream.failure : e);
        }

        /**
         * Completes the temporary file: flushed, forced to disk and closed; a full disk shows here at the latest.
         * The target is not replaced yet ({@link #commit()} does it): tables of one set are all finished first.
         */
        public void finish() {
            if (stream == null) {
                return;
            }
            CheckedStream s = stream;
            stream = null;
            try {
                s.complete();
            } catch (IOException e) {
                throw cannotWrite(target, s.failure != null ? s.failure : e);
            }
        }

        /** {@link #finish()}, then renames the temporary file over the target. */
        public void commit() {
            finish();
            checkReplaceable(target); // again: it may have changed while the content was written
            try {
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
                temporary = null;
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
        }

        /** Discards the temporary file when it was not committed. */
        @Override
        public void close() {
            if (stream != null) {
                stream.abandon();
                stream = null;
            }
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // best effort: the error that got us here is what the user needs to see
                }
                temporary = null;
            }
        }
    }

    /**
     * A plain new file (not createTempFile, whose 0600 mode would survive the rename) with a short random name, so
     * that the temporary name is legal whenever the target's is.
     */
    private static Path createTemporary(Path folder) throws IOException {
        for (int attempt = 0;; attempt++) {
            String name = TEMPORARY_PREFIX + Long.toString(RANDOM.nextLong() >>> 12, 36) + TEMPORARY_SUFFIX;
            try {
                return Files.createFile(folder.resolve(name));
            } catch (FileAlreadyExistsException e) {
                if (attempt == 8) {
                    throw e;
                }
            }
        }
    }

    /**
     * The stream a content writes to: buffered, remembering the first error of the storage below (an encoder such as
     * ImageIO's PNG writer wraps it as "I/O error writing PNG file!"); its shielded face ignores close().
     */
    private static final class CheckedStream extends OutputStream {
        private final OutputStream storage;
        private final BufferedOutputStream buffer;
        private IOException failure;
        final OutputStream shielded = new FilterOutputStream(this) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };

        CheckedStream(OutputStream storage) {
            this.storage = storage;
            this.buffer = new BufferedOutputStream(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    check(() -> storage.write(b, off, len));
                }

                @Override
                public void flush() throws IOException {
                    check(storage::flush);
                }
            }, 1 << 16);
        }

        private interface Step {
            void run() throws IOException;
        }

        private void check(Step step) throws IOException {
            if (failure != null) { // a stream that failed once is not written to again
                throw new IOException(failure.getMessage(), failure);
            }
            try {
                step.run();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            buffer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            buffer.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            buffer.flush();
        }

        void complete() throws IOException {
            try {
                buffer.flush();
            } catch (IOException e) {
                abandon();
                throw e;
            }
            check(storage::close);
        }

        void abandon() {
            try {
                storage.close();
            } catch (IOException ignored) {
                // the file is deleted anyway
            }
        }
    }

    static InvalidInputException cannotWrite(Path file, IOException e) {
        String why = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.getClass().getSimpleName();
        return new InvalidInputException("cannot write " + file + ": " + why, e);
    }
}
