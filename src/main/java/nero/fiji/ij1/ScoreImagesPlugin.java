package nero.fiji.ij1;

import ij.plugin.PlugIn;
import nero.fiji.ScoreImagesCommand;

/** ImageJ 1 menu entry (plugins.config) for {@link ScoreImagesCommand}, so plain ImageJ 1 macros can run it. */
public class ScoreImagesPlugin implements PlugIn {
    @Override
    public void run(String arg) {
        CommandBridge.run(ScoreImagesCommand.class, "Score Images");
    }
}
