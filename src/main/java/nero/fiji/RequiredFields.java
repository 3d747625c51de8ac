package nero.fiji;

import java.io.File;
import org.scijava.command.CommandModule;
import org.scijava.log.LogService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;
import org.scijava.widget.InputHarvester;

/**
 * After a NERO dialog's OK: a required field left empty is named by its label in one "NERO" message box ("Detector
 * file is required"), instead of SciJava's "'detector' is required but unset." titled "ImageJ2". Runs after the
 * dialog and after {@link RememberedSettings.Store}, so the next dialog gives back what was typed, and before
 * SciJava's own check.
 */
@Plugin(type = PreprocessorPlugin.class, priority = InputHarvester.PRIORITY - 1.5)
public class RequiredFields extends AbstractPreprocessorPlugin {
    @Parameter(required = false)
    private UIService ui;
    @Parameter(required = false)
    private LogService log;

    @Override
    public void process(Module module) {
        if (!RememberedSettings.dialogShown(module, ui)) {
            return;
        }
        for (ModuleItem<?> item : module.getInfo().inputs()) {
            Object value = module.getInput(item.getName());
            boolean empty = value == null || (value instanceof String s && s.isBlank())
                    || (value instanceof File f && f.getPath().isBlank());
            if (item.isRequired() && MacroKeys.isTypedIn(item) && empty) {
                CommandGuard.reportUserError((NeroCommand) ((CommandModule) module).getCommand(), log,
                        "NERO: " + MacroKeys.shortLabel(item) + " is required");
                cancel("");
                return;
            }
        }
    }
}
