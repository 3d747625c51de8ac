package nero.fiji;

import org.scijava.ItemVisibility;
import org.scijava.command.CommandModule;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;

/**
 * A NERO command's inputs that only a script sets ({@link ItemVisibility#INVISIBLE}: the ImgLib2 image {@code img})
 * keep their value (none) when no one gave them, so that neither a dialog nor a macro run asks for them: Fiji's
 * dialog shows every unresolved input, invisible ones too, and would offer the open images for {@code img} (which
 * then would be scored instead of the current image). Runs after the macro step and before the file chooser,
 * the remembered settings and the dialog.
 */
@Plugin(type = PreprocessorPlugin.class, priority = 9000)
public class ScriptOnlyInputs extends AbstractPreprocessorPlugin {
    @Override
    public void process(Module module) {
        if (!(module instanceof CommandModule command) || !(command.getCommand() instanceof NeroCommand)) {
            return;
        }
        for (ModuleItem<?> item : module.getInfo().inputs()) {
            if (item.getVisibility() == ItemVisibility.INVISIBLE && !module.isInputResolved(item.getName())) {
                module.resolveInput(item.getName());
            }
        }
    }
}
