package nero.core;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The one way this project writes a file: into a hidden temporary sibling, renamed over the target only when
 * complete, so a reader never sees a half-written detector, table or picture and a failed job leaves nothing
 * behind. A failure is the user's environment (full disk, permissions, a folder in the way): an
 * {@link InvalidInputException} naming the file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Fills a temporary file that will become the target. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    /** Writes {@code target} in one step: {@code content} fills a temporary sibling, which then replaces it. */
    public static void write(Path target, Content content) {
        try (Pending pending = begin(target)) {
            try {
                content.writeTo(pending.temporary());
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
            pending.commit();
        }
    }

    /**
     * A temporary sibling of {@code target} for content written bit by bit; {@link Pending#commit()} renames it over
     * the target, {@link Pending#close()} without a commit deletes it.
     */
    public static Pending begin(Path target) {
        return new Pending(target.toAbsolutePath());
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

    public static final class Pending implements AutoCloseable {
        private final Path target;
        private Path temporary;

        private Pending(Path target) {
            this.target = target;
            checkReplaceable(target);
            try {
                Files.createDirectories(target.getParent());
                // a plain sibling (not createTempFile, whose 0600 mode would survive the rename) that keeps the
                // extension, for writers that choose the format by it
                temporary = Files.createFile(target.resolveSibling("." + UUID.randomUUID() + "-"
                        + target.getFileName()));
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
        }

        public Path temporary() {
            return temporary;
        }

        public void commit() {
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

        @Override
        public void close() {
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

    static InvalidInputException cannotWrite(Path file, IOException e) {
        String why = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.getClass().getSimpleName();
        return new InvalidInputException("cannot write " + file + ": " + why, e);
    }
}
