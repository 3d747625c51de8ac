package nero.fiji.ij1;

import ij.plugin.PlugIn;
import nero.fiji.EvaluateCommand;

/** ImageJ 1 menu entry (plugins.config) for {@link EvaluateCommand}, so plain ImageJ 1 macros can run it. */
public class EvaluatePlugin implements PlugIn {
    @Override
    public void run(String arg) {
        CommandBridge.run(EvaluateCommand.class, "Evaluate OOD Detection");
    }
}
