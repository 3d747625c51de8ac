package nero.io.source;

import ij.ImagePlus;
import java.nio.file.Path;
import java.util.Map;
import nero.io.DecodeMode;
import nero.io.LazyItem;
import nero.io.SourceItem;
import nero.io.image.ModelInput;
import nero.io.image.PlainImageReader;

/**
 * One image file: decoded in full by {@link #read()}, or for a model by {@link #readForModel} (see {@link ModelInput}),
 * or both by {@link #readPixels}.
 */
final class ImageFileItem implements SourceItem {
    private final Path file;
    private final LazyItem full;

    ImageFileItem(Path file, String label) {
        this.file = file;
        this.full = new LazyItem(file.toString(), label, Map.of("source", "image"), () -> PlainImageReader.read(file));
    }

    @Override
    public String id() {
        return full.id();
    }

    @Override
    public String label() {
        return full.label();
    }

    @Override
    public Map<String, String> metadata() {
        return full.metadata();
    }

    @Override
    public ImagePlus read() {
        return full.read();
    }

    @Override
    public ImagePlus readForModel(int width, int height, DecodeMode mode) {
        return new LazyItem(full.id(), full.label(), full.metadata(),
                () -> ModelInput.read(file, width, height, mode)).read();
    }

    @Override
    public Pixels readPixels(int width, int height, DecodeMode mode) {
        ImagePlus whole = read();
        ImagePlus reduced = ModelInput.reduced(file, width, height, mode);
        return new Pixels(whole, reduced != null ? reduced : whole);
    }
}
