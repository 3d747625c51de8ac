package nero.io;

import java.util.Iterator;
import java.util.List;

/**
 * A stream of images and stills: a file, a folder tree, a list, a DICOM object, a video. Streams; never holds
 * all pixels in memory. Closing releases open decoders.
 */
public interface ImageSource extends Iterable<SourceItem>, AutoCloseable {
    @Override
    Iterator<SourceItem> iterator();

    /** Number of items if known cheaply, else −1 (for progress). */
    default long sizeHint() {
        return -1;
    }

    /** Class names in label order for labelled trees (ImageFolder: sorted folder names), else empty. */
    default List<String> classNames() {
        return List.of();
    }

    @Override
    default void close() {
    }
}
