package nero.fiji.ij1;

import ij.plugin.PlugIn;
import nero.fiji.ExplainImageCommand;

/** ImageJ 1 menu entry (plugins.config) for {@link ExplainImageCommand}, so plain ImageJ 1 macros can run it. */
public class ExplainImagePlugin implements PlugIn {
    @Override
    public void run(String arg) {
        CommandBridge.run(ExplainImageCommand.class, "Explain Image");
    }
}
