package nero.io;

import ij.ImagePlus;
import java.util.Map;
import java.util.function.Supplier;
import nero.core.InvalidInputException;

/** A source item whose pixels are decoded when {@link #read()} is called; any failure becomes an InvalidInputException. */
public record LazyItem(String id, String label, Map<String, String> metadata, Supplier<ImagePlus> reader) implements SourceItem {
    public LazyItem {
        metadata = Map.copyOf(metadata);
    }

    /** An item that stands for a file that could not even be opened, so a batch can report it and go on. */
    public static LazyItem failed(String id, String label, InvalidInputException error) {
        return new LazyItem(id, label, Map.of("error", error.getMessage()), () -> {
            throw error;
        });
    }

    /** An item already decoded (video stills, which are decoded in stream order). */
    public static LazyItem decoded(String id, String label, Map<String, String> metadata, ImagePlus image) {
        return new LazyItem(id, label, metadata, () -> image);
    }

    @Override
    public ImagePlus read() {
        try {
            ImagePlus imp = reader.get();
            if (imp == null) {
                throw new InvalidInputException(id + ": could not be decoded");
            }
            return imp;
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new InvalidInputException(id + ": cannot read: " + DecoderFailures.describe(e), e);
        }
    }
}
