package nero.fiji;

import ij.IJ;
import java.io.File;
import java.util.Set;
import org.scijava.command.CommandModule;
import org.scijava.convert.ConvertService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.prefs.PrefService;
import org.scijava.ui.UIService;
import org.scijava.widget.InputHarvester;

/**
 * What a person last typed in a NERO dialog, offered again the next time that dialog opens: the detector (shared by
 * every command: Fit's file, once written, is the one Score, Explain and Evaluate start with), the model, the folders
 * and the settings. What to score ({@code input}, {@code image_file}: empty means the current image) and the files a
 * run writes beside its table ({@code csv}, {@code vectors_dir}, {@code timeline}, {@code segments}) start empty each
 * time, so that no run scores or overwrites something by accident.
 *
 * <p>Only for the dialog: a macro line says everything it uses ({@link MacroDefaults} runs first and refuses a missing
 * required key), and a headless run or script never sees a remembered value. That is why the commands' fields keep
 * {@code persist = false} and this class remembers them itself: SciJava's own persistence fills any input a headless
 * script leaves out, and does not store a field cleared back to its default. Stored with SciJava's
 * {@link PrefService} (in Fiji: Java's user preferences), keyed by command and field ({@code detector} by field
 * alone).
 */
public final class RememberedSettings {
    /** Shared by every command that has the field. */
    static final Set<String> SHARED = Set.of("detector");
    /** Fields that start empty each time. */
    static final Set<String> FRESH = Set.of("input", "image_file", "csv", "vectors_dir", "timeline", "segments");

    private RememberedSettings() {
    }

    /** The preference key of a field, or null when it is not remembered. */
    static String key(Module module, ModuleItem<?> item) {
        if (!MacroKeys.isTypedIn(item) || FRESH.contains(item.getName())) {
            return null;
        }
        if (SHARED.contains(item.getName())) {
            return item.getName();
        }
        String command = module.getInfo().getDelegateClassName();
        return command.substring(command.lastIndexOf('.') + 1) + "." + item.getName();
    }

    /** Puts the remembered values into the inputs no one has set yet; they stay unresolved, so the dialog shows them. */
    static void recall(Module module, PrefService prefs, ConvertService convert) {
        for (ModuleItem<?> item : module.getInfo().inputs()) {
            String key = key(module, item);
            if (key == null || module.isInputResolved(item.getName())) {
                continue;
            }
            String text = prefs.get(RememberedSettings.class, key);
            if (text == null) {
                continue;
            }
            Object value = text.isEmpty() && item.getType() == File.class ? null : convert.convert(text, item.getType());
            if (value != null || item.getType() == File.class) {
                module.setInput(item.getName(), value);
            }
        }
    }

    /** Stores what the dialog's fields hold now, cleared ones included (as empty). */
    static void store(Module module, PrefService prefs) {
        for (ModuleItem<?> item : module.getInfo().inputs()) {
            String key = key(module, item);
            if (key == null) {
                continue;
            }
            Object value = module.getInput(item.getName());
            prefs.put(RememberedSettings.class, key, value == null ? "" : value.toString());
        }
    }

    /** Whether a person will see (or has seen) the command's dialog: Fiji's window, not a macro. */
    static boolean dialogShown(Module module, UIService ui) {
        return module instanceof CommandModule command && command.getCommand() instanceof NeroCommand
                && !IJ.isMacro() && ui != null && !ui.isHeadless() && ui.isVisible();
    }

    /** Before the dialog: the remembered values. */
    @Plugin(type = PreprocessorPlugin.class, priority = InputHarvester.PRIORITY + 2)
    public static class Recall extends AbstractPreprocessorPlugin {
        @Parameter(required = false)
        private PrefService prefs;
        @Parameter(required = false)
        private ConvertService convert;
        @Parameter(required = false)
        private UIService ui;

        @Override
        public void process(Module module) {
            if (prefs != null && convert != null && dialogShown(module, ui)) {
                recall(module, prefs, convert);
            }
        }
    }

    /**
     * After the dialog's OK (a cancelled dialog stops the chain before this): what it held, before any check of the
     * values, so that a dialog refused for a missing field gives back what was typed the next time it opens.
     */
    @Plugin(type = PreprocessorPlugin.class, priority = InputHarvester.PRIORITY - 0.5)
    public static class Store extends AbstractPreprocessorPlugin {
        @Parameter(required = false)
        private PrefService prefs;
        @Parameter(required = false)
        private UIService ui;

        @Override
        public void process(Module module) {
            if (prefs != null && dialogShown(module, ui)) {
                store(module, prefs);
            }
        }
    }
}
