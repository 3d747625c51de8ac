package nero.app;

import java.util.Locale;
import nero.core.methods.ModelFamily;
import nero.model.ModelInfo;

/** The model family from the sidecar (it picks ReAct's clip and NECO's ViT variant, as the reference does). */
final class Families {
    private Families() {
    }

    static ModelFamily of(ModelInfo info) {
        String f = info.family() == null ? "" : info.family().trim().toUpperCase(Locale.ROOT);
        try {
            return f.isEmpty() ? ModelFamily.OTHER_CNN : ModelFamily.valueOf(f);
        } catch (IllegalArgumentException e) {
            return ModelFamily.OTHER_CNN;
        }
    }
}
