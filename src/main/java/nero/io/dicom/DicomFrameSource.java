package nero.io.dicom;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import nero.io.ImageSource;
import nero.io.LazyItem;
import nero.io.SourceItem;

/** The frames of one DICOM image object, each decoded on {@link SourceItem#read()}. */
final class DicomFrameSource implements ImageSource {
    private final Path file;
    private final String label;
    private final DicomImageInfo info;
    private final DicomFrameDecoder decoder;

    DicomFrameSource(Path file, String label, DicomImageInfo info, OddWordFrames oddWordFrames) {
        this.file = file;
        this.label = label;
        this.info = info;
        this.decoder = new DicomFrameDecoder(file, info, oddWordFrames);
    }

    @Override
    public Iterator<SourceItem> iterator() {
        return new Iterator<>() {
            private int next = 1;

            @Override
            public boolean hasNext() {
                return next <= info.frames();
            }

            @Override
            public SourceItem next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int frame = next++;
                Map<String, String> meta = new HashMap<>(info.metadata());
                meta.put("frame", Integer.toString(frame));
                String id = info.multiFrame() ? file + "#frame=" + frame : file.toString();
                return new LazyItem(id, label, meta, () -> decoder.frame(frame));
            }
        };
    }

    @Override
    public long sizeHint() {
        return info.frames();
    }

    @Override
    public void close() {
        decoder.close();
    }
}
