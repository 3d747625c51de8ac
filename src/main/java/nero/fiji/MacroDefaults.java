package nero.fiji;

import ij.IJ;
import java.io.File;
import org.scijava.command.CommandModule;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;

/**
 * When a macro runs a NERO command, the optional inputs it does not name keep their defaults instead of being
 * asked for: Fiji's macro step resolves only the keys the macro names, and depending on how the macro was started
 * Fiji would then show a dialog for the rest (or, for a lone optional File, a file chooser; headless, a cancel).
 * Runs after that macro step and before Fiji's file chooser and dialog. Required inputs are left alone, and from
 * the menu (no macro) the full dialog is shown as usual.
 */
@Plugin(type = PreprocessorPlugin.class, priority = 10000)
public class MacroDefaults extends AbstractPreprocessorPlugin {
    @Override
    public void process(Module module) {
        if (!(module instanceof CommandModule command) || !(command.getCommand() instanceof NeroCommand)
                || !IJ.isMacro()) {
            return;
        }
        for (ModuleItem<?> item : module.getInfo().inputs()) {
            if (!item.isRequired() && isTypedIn(item) && !module.isInputResolved(item.getName())) {
                module.resolveInput(item.getName());
            }
        }
    }

    /** Values a person types or chooses; the current image and services are filled in by their own steps. */
    private static boolean isTypedIn(ModuleItem<?> item) {
        Class<?> type = item.getType();
        return type == String.class || type == File.class || type.isPrimitive() || Number.class.isAssignableFrom(type);
    }
}
