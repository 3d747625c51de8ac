package nero.spark;

import ij.ImagePlus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import nero.io.ImageSource;
import nero.io.DecodeMode;
import nero.io.SourceItem;
import nero.io.source.ImageSources;
import nero.io.video.FrameSampling;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;

/**
 * The items of one partition's files, expanded on the executor exactly as the single-machine reader expands them
 * (an image is one item, a DICOM object one per frame, a video its stills), handed out in chunks so a task holds
 * the features of one chunk at a time. Local files are read in place; files on other file systems (HDFS, S3…) are
 * copied to a local temporary file first and keep their URI as their name. A file that cannot be opened becomes
 * one failing item, so it is reported and the job goes on.
 */
final class PartitionItems implements AutoCloseable {
    /** Where an item came from: its file, its 0-based place among the file's items, and its row id. */
    record Tag(InputFile file, int item, String id) {
    }

    /** What a task does with one chunk: {@code tags} fills as the chunk's items are read, in item order. */
    interface ChunkWork<T> {
        List<T> apply(ImageSource chunk, List<Tag> tags, ProgressListener cancel);
    }

    /** Items handed to one call of the work at most (about 10 MB of features for D = 1280, C = 1000). */
    static final int CHUNK = 1024;

    /**
     * A task's output: its files' items in chunks, each chunk given to {@code work} when Spark asks for more
     * results, so a task holds one chunk at a time; local copies are deleted as their chunk is done, and
     * everything is closed when the task ends. The work stops between batches when Spark kills the task.
     */
    static <T> Iterator<T> mapChunks(Iterator<InputFile> files, FrameSampling sampling, boolean fromFolder,
            Configuration hadoop, ChunkWork<T> work) {
        PartitionItems items = new PartitionItems(files, sampling, fromFolder, hadoop);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) t -> items.close());
        }
        ProgressListener cancel = new ProgressListener() {
            @Override
            public void progress(String stage, long done, long total) {
            }

            @Override
            public boolean isCancelled() {
                return task != null && task.isInterrupted();
            }
        };
        return new Iterator<>() {
            private final Deque<T> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && items.hasNext()) {
                    List<Tag> tags = new ArrayList<>();
                    ready.addAll(work.apply(items.chunk(CHUNK, tags), tags, cancel));
                    items.deleteFinishedCopies();
                }
                return !ready.isEmpty();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    private final Iterator<InputFile> files;
    private final FrameSampling sampling;
    private final boolean fromFolder;
    private final Configuration hadoop;
    private final List<Path> finishedCopies = new ArrayList<>();

    private InputFile currentFile;
    private ImageSource currentSource;
    private Iterator<SourceItem> currentItems = Collections.emptyIterator();
    private Path currentCopy;
    private int itemInFile;

    /**
     * {@code fromFolder}: the files were listed from folders, so files that are no input (notes, CSVs) are left
     * out quietly, as a folder listing on one machine leaves them out. Items carry their file's label (a class
     * folder name, for fit); the driver turns it into an index.
     */
    PartitionItems(Iterator<InputFile> files, FrameSampling sampling, boolean fromFolder, Configuration hadoop) {
        this.files = files;
        this.sampling = sampling;
        this.fromFolder = fromFolder;
        this.hadoop = hadoop;
    }

    boolean hasNext() {
        while (!currentItems.hasNext()) {
            finishCurrent();
            if (!files.hasNext()) {
                return false;
            }
            openNext(files.next());
        }
        return true;
    }

    /** The next items (at most {@code n}) as a source; {@code tags} receives one entry per item handed out. */
    ImageSource chunk(int n, List<Tag> tags) {
        Iterator<SourceItem> it = new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                return given < n && PartitionItems.this.hasNext();
            }

            @Override
            public SourceItem next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                given++;
                SourceItem item = named(currentItems.next());
                tags.add(new Tag(currentFile, itemInFile++, item.id()));
                return item;
            }
        };
        return () -> it;
    }

    /** Deletes the local copies of files whose items have all been handed out (call once their chunk is done). */
    void deleteFinishedCopies() {
        for (Path p : finishedCopies) {
            deleteQuietly(p);
        }
        finishedCopies.clear();
    }

    private void openNext(InputFile file) {
        currentFile = file;
        itemInFile = 0;
        Path local;
        try {
            local = localPath(file);
        } catch (InvalidInputException e) {
            currentItems = List.<SourceItem>of(failed(file, e)).iterator();
            return;
        }
        if (fromFolder && !ImageSources.isInputFile(local)) {
            // no input by its name or content; but one that cannot be read any more may well have been one
            InvalidInputException gone = goneOrUnreadable(file, local);
            currentItems = gone == null ? Collections.emptyIterator()
                    : List.<SourceItem>of(failed(file, gone)).iterator();
            return;
        }
        try {
            currentSource = ImageSources.open(List.of(local), sampling);
            currentItems = currentSource.iterator();
        } catch (InvalidInputException e) {
            currentItems = List.<SourceItem>of(failed(file, renamed(e))).iterator();
        }
    }

    private void finishCurrent() {
        if (currentSource != null) {
            currentSource.close();
            currentSource = null;
        }
        if (currentCopy != null) {
            finishedCopies.add(currentCopy);
            currentCopy = null;
        }
    }

    private Path localPath(InputFile file) {
        URI uri = URI.create(file.uri());
        if (uri.getScheme() == null || uri.getScheme().equals("file")) {
            return uri.getScheme() == null ? Path.of(file.uri()) : Path.of(uri);
        }
        try {
            org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
            Path dir = Files.createTempDirectory(ExecutorScratch.folder(), "copy-");
            Path copy = dir.resolve(remote.getName());
            FileSystem fs = remote.getFileSystem(hadoop);
            try (InputStream in = fs.open(remote)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            currentCopy = copy;
            return copy;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new InvalidInputException(file.name() + ": cannot copy it to this executor: " + e.getMessage(), e);
        }
    }

    /**
     * A file of a folder listing that is no longer a readable file when the executor comes to it (deleted, moved
     * or made unreadable after the driver listed it). Without this, a folder's file without an input extension (a DICOM
     * object named by its UID) that vanished was left out as "no input" and appeared in neither table.
     */
    private static InvalidInputException goneOrUnreadable(InputFile file, Path local) {
        if (!Files.exists(local)) {
            return new InvalidInputException(file.name() + ": listed, but gone when read (deleted or moved while "
                    + "the job ran)");
        }
        if (!Files.isRegularFile(local)) {
            return new InvalidInputException(file.name() + ": listed as a file, but no longer one when read");
        }
        if (!Files.isReadable(local)) {
            return new InvalidInputException(file.name() + ": not readable (check permissions)");
        }
        return null;
    }

    /** An item of a local copy is named by the file's URI; labels come from the listing (class folders). */
    private SourceItem named(SourceItem item) {
        InputFile file = currentFile;
        Path copy = currentCopy;
        String id = copy == null ? item.id() : item.id().replace(copy.toString(), file.name());
        return new SourceItem() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String label() {
                return file.label();
            }

            @Override
            public Map<String, String> metadata() {
                return item.metadata();
            }

            @Override
            public ImagePlus read() {
                try {
                    return item.read();
                } catch (InvalidInputException e) {
                    throw renamed(e, copy, file);
                }
            }

            @Override
            public ImagePlus readForModel(int width, int height, DecodeMode mode) { // the reader's, as on one machine
                try {
                    return item.readForModel(width, height, mode);
                } catch (InvalidInputException e) {
                    throw renamed(e, copy, file);
                }
            }
        };
    }

    private InvalidInputException renamed(InvalidInputException e) {
        return renamed(e, currentCopy, currentFile);
    }

    /** A message about the executor's local copy, naming the file by its URI instead. */
    private static InvalidInputException renamed(InvalidInputException e, Path copy, InputFile file) {
        return copy == null ? e : new InvalidInputException(e.getMessage().replace(copy.toString(), file.name()), e);
    }

    /** A file that could not be opened, as one item whose reading gives the reason. */
    private static SourceItem failed(InputFile file, InvalidInputException reason) {
        return new SourceItem() {
            @Override
            public String id() {
                return file.name();
            }

            @Override
            public String label() {
                return file.label();
            }

            @Override
            public Map<String, String> metadata() {
                return Map.of();
            }

            @Override
            public ImagePlus read() {
                throw reason;
            }
        };
    }

    private static void deleteQuietly(Path copy) {
        try {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(copy.getParent());
        } catch (IOException e) {
            // a temporary file left behind in the executor's temp folder; the job's result does not depend on it
        }
    }

    @Override
    public void close() {
        finishCurrent();
        deleteFinishedCopies();
    }
}
