package nero.spark;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import nero.core.InvalidInputException;

/**
 * One temporary folder per executor JVM ({@code nero-spark-files-*} in {@code java.io.tmpdir}) for the shipped model
 * and detector and the local copies of remote inputs. The JVM holds a lock on {@code owner.lock} inside it for its
 * whole life and deletes the folder when it exits; a JVM that was killed cannot, so each JVM first deletes the
 * folders whose lock nobody holds any more (the lock dies with its process, whatever killed it), and those of
 * versions that kept no lock once they are a day old (such a version's executor may still be running).
 */
final class ExecutorScratch {
    static final String PREFIX = "nero-spark-files-";
    static final String LOCK = "owner.lock";
    /** Age after which a folder without a lock (from a version before the lock) counts as left behind. */
    static final java.time.Duration UNLOCKED_AGE = java.time.Duration.ofDays(1);

    private static Path folder;
    private static FileChannel lockChannel; // open, and locked, for the JVM's life

    private ExecutorScratch() {
    }

    /** This JVM's folder, made (after clearing dead processes' folders) on first use. */
    static synchronized Path folder() {
        if (folder == null) {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            sweep(tmp);
            try {
                folder = create(tmp);
            } catch (IOException e) {
                throw new InvalidInputException("cannot make a temporary folder for the model files on this executor ("
                        + tmp + "): " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(ExecutorScratch::deleteOwn, "nero-spark-files cleanup"));
        }
        return folder;
    }

    /**
     * Made under a hidden name, locked, then renamed into place: a {@code nero-spark-files-*} folder always has
     * its lock, so {@link #sweep} can tell a dead owner from one that has not locked yet.
     */
    private static Path create(Path tmp) throws IOException {
        Path staging = Files.createTempDirectory(tmp, "." + PREFIX);
        lockChannel = FileChannel.open(staging.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        lockChannel.lock();
        Path ready = tmp.resolve(staging.getFileName().toString().substring(1));
        return Files.move(staging, ready, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Deletes the {@code nero-spark-files-*} folders in {@code tmp} whose owner is gone: a lock that can be taken,
     * or no lock at all and a day old (left by versions before the lock). Folders of live JVMs, this one's
     * included, stay.
     */
    static void sweep(Path tmp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    sweepOne(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable temp folder: nothing to clear, and no reason to fail the task
        }
    }

    private static void sweepOne(Path dir) {
        Path lock = dir.resolve(LOCK);
        if (!Files.exists(lock)) {
            if (olderThan(dir, UNLOCKED_AGE)) {
                deleteTree(dir);
            }
            return;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock taken = channel.tryLock();
            if (taken != null) { // its owner is dead: delete while holding the lock, so no other sweeper races
                deleteTree(dir);
            }
        } catch (OverlappingFileLockException e) {
            // this JVM's own folder
        } catch (NoSuchFileException e) {
            // another JVM swept it meanwhile
        } catch (IOException e) {
            // another user's folder, or a lock this file system cannot take: leave it
        }
    }

    private static boolean olderThan(Path dir, java.time.Duration age) {
        try {
            return Files.getLastModifiedTime(dir).toInstant().isBefore(java.time.Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    private static synchronized void deleteOwn() {
        if (folder != null) {
            deleteTree(folder);
            try {
                lockChannel.close();
            } catch (IOException e) {
                // exiting anyway
            }
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // what could not be deleted stays in the temp folder; the job's results do not depend on it
        }
    }
}
