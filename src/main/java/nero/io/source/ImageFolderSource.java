package nero.io.source;

import java.nio.file.Path;
import java.util.List;
import nero.io.video.FrameSampling;

/**
 * An ImageFolder tree: each first-level folder is a class (sorted names give the label order), and every image,
 * DICOM object and video below it, at any depth, belongs to that class.
 */
public final class ImageFolderSource extends FileListSource {
    private final Path root;

    ImageFolderSource(Path root, List<Entry> entries, List<String> classNames, FrameSampling videoSampling) {
        super(entries, videoSampling, classNames);
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Files in iteration order (before DICOM frames and video stills are expanded). */
    public List<Path> files() {
        return entries().stream().map(Entry::file).toList();
    }

    /** The class label of each file, parallel to {@link #files()}. */
    public List<String> labels() {
        return entries().stream().map(Entry::label).toList();
    }

    /** 0-based class index of a label in {@link #classNames()}. */
    public int labelIndex(String label) {
        return classNames().indexOf(label);
    }
}
