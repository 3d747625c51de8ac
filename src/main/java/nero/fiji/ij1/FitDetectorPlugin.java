package nero.fiji.ij1;

import ij.plugin.PlugIn;
import nero.fiji.FitDetectorCommand;

/** ImageJ 1 menu entry (plugins.config) for {@link FitDetectorCommand}, so plain ImageJ 1 macros can run it. */
public class FitDetectorPlugin implements PlugIn {
    @Override
    public void run(String arg) {
        CommandBridge.run(FitDetectorCommand.class, "Fit NERO Detector");
    }
}
