package nero.fiji;

import ij.IJ;
import ij.Macro;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandModule;
import org.scijava.log.LogService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.Button;

/**
 * When a macro runs a NERO command, its line must say everything the run uses: a key the command does not have, or
 * a required key left out, stops the macro with one message naming the key and the valid keys ({@link MacroKeys});
 * the optional inputs it does not name keep their defaults (never a value remembered from a dialog, never a dialog
 * or file chooser). Runs after Fiji's macro step (which fills the keys the line names) and before Fiji's file
 * chooser, the remembered settings ({@link RememberedSettings}) and the dialog. From the menu (no macro) the full
 * dialog is shown as usual.
 */
@Plugin(type = PreprocessorPlugin.class, priority = 10000)
public class MacroDefaults extends AbstractPreprocessorPlugin {
    @Parameter(required = false)
    private LogService log;

    @Override
    public void process(Module module) {
        if (!(module instanceof CommandModule command) || !(command.getCommand() instanceof NeroCommand nero)
                || !IJ.isMacro() || Macro.getOptions() == null) {
            // No options on this thread: a macro line without any (ImageJ shows the dialog then), or the plain
            // ImageJ 1 shims, which run the module on SciJava's thread after checking the keys themselves.
            return;
        }
        String problem = MacroKeys.problem(module.getInfo(), Macro.getOptions());
        if (problem != null) {
            CommandGuard.reportUserError(nero, log, "NERO: " + problem);
            // An empty reason: the message was shown above; a non-empty one would open SciJava's second dialog.
            cancel("");
            CommandGuard.stopCallingMacro(problem);
            return;
        }
        for (ModuleItem<?> item : module.getInfo().inputs()) {
            // the Help button and the help text too: a text left unresolved alone makes Fiji's window show it
            // as a message box on every macro line
            boolean forADialog = MacroKeys.isTypedIn(item) || item.getType() == Button.class
                    || item.getVisibility() == ItemVisibility.MESSAGE;
            if (!item.isRequired() && forADialog && !module.isInputResolved(item.getName())) {
                module.resolveInput(item.getName());
            }
        }
    }
}
