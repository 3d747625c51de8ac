package nero.model;

import ij.IJ;
import ij.ImagePlus;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import nero.core.InvalidInputException;
import nero.io.ImageSource;
import nero.io.SourceItem;

/** A minimal ImageSource over image files with labels, for tests and the benchmark (the real one is in nero.io). */
public final class FileListSource implements ImageSource {
    public record Entry(Path file, String label) {
    }

    private final List<Entry> entries;
    private final List<String> classNames;

    public FileListSource(List<Entry> entries, List<String> classNames) {
        this.entries = List.copyOf(entries);
        this.classNames = List.copyOf(classNames);
    }

    @Override
    public Iterator<SourceItem> iterator() {
        return entries.stream().<SourceItem>map(FileItem::new).iterator();
    }

    @Override
    public long sizeHint() {
        return entries.size();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    private record FileItem(Entry entry) implements SourceItem {
        @Override
        public String id() {
            return entry.file().toString();
        }

        @Override
        public String label() {
            return entry.label();
        }

        @Override
        public Map<String, String> metadata() {
            return Map.of();
        }

        @Override
        public ImagePlus read() {
            ImagePlus imp = IJ.openImage(entry.file().toString());
            if (imp == null) {
                throw new InvalidInputException(entry.file() + ": not a readable image");
            }
            return imp;
        }
    }
}
