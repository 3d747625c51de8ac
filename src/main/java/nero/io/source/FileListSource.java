package nero.io.source;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import nero.core.InvalidInputException;
import nero.io.FileKind;
import nero.io.FileNameEncoding;
import nero.io.ImageSource;
import nero.io.LazyItem;
import nero.io.SourceItem;
import nero.io.dicom.DicomReader;
import nero.io.video.FrameSampling;
import nero.io.video.VideoReader;

/**
 * Files in a fixed order, each expanded into its items as iteration reaches it (an image is one item, a DICOM
 * object one per frame, a video its stills). A file that cannot be opened becomes one failing item, so a batch
 * job reports it and goes on.
 */
class FileListSource implements ImageSource {
    record Entry(Path file, String label) {
    }

    private final List<Entry> entries;
    private final FrameSampling videoSampling;
    private final List<String> classNames;
    private ImageSource current;

    FileListSource(List<Entry> entries, FrameSampling videoSampling, List<String> classNames) {
        this.entries = List.copyOf(entries);
        this.videoSampling = videoSampling;
        this.classNames = List.copyOf(classNames);
    }

    /** The files, in iteration order. */
    List<Entry> entries() {
        return entries;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    /**
     * How many items the files give, when every one is a still image (one item each, going by its name): the total
     * a progress bar shows. Unknown (-1) when a DICOM object or video is among them (their frame counts are read as
     * they are reached).
     */
    @Override
    public long sizeHint() {
        for (Entry e : entries) {
            String name = e.file().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (!STILL.matcher(name).matches()) {
                return -1;
            }
        }
        return entries.size();
    }

    private static final java.util.regex.Pattern STILL = java.util.regex.Pattern.compile(
            ".*\\.(jpe?g|png|bmp|gif|tiff?)");

    static ImageSource expand(Path file, String label, FrameSampling videoSampling) {
        FileNameEncoding.checkUsable(file); // reported with the cure, not as a corrupt file
        FileKind kind = FileKind.of(file);
        return switch (kind) {
            case IMAGE -> single(new ImageFileItem(file, label));
            case DICOM -> DicomReader.open(file, label, videoSampling);
            case MP4, MPEG_TS, MPEG_PS, OTHER_VIDEO -> VideoReader.open(file, file.toString(), label, videoSampling,
                    java.util.Map.of(), null);
            case UNKNOWN -> throw new InvalidInputException(file + ": unrecognised file format (not an image, DICOM"
                    + " Part-10 file or video; content checked, not only the extension)");
        };
    }

    static ImageSource single(SourceItem item) {
        return () -> List.of(item).iterator();
    }

    @Override
    public Iterator<SourceItem> iterator() {
        return new Iterator<>() {
            private int nextEntry;
            private Iterator<SourceItem> items = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!items.hasNext()) {
                    closeCurrent();
                    if (nextEntry >= entries.size()) {
                        return false;
                    }
                    Entry e = entries.get(nextEntry++);
                    try {
                        current = expand(e.file(), e.label(), videoSampling);
                        items = current.iterator();
                    } catch (InvalidInputException ex) {
                        items = List.<SourceItem>of(LazyItem.failed(e.file().toString(), e.label(), ex)).iterator();
                    }
                }
                return true;
            }

            @Override
            public SourceItem next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return items.next();
            }
        };
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() {
        closeCurrent();
    }
}
