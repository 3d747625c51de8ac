package nero.fiji.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import nero.fiji.ImageJOutputs;
import nero.fiji.MacroKeys;
import nero.fiji.NeroCommand;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.scijava.module.ModuleItem;

/**
 * Runs a NERO SciJava command from plain ImageJ 1 (no Fiji legacy layer): macro options {@code key=value} become
 * the command's inputs (keys = field names), the current image fills an {@code image} input, and the outputs are
 * published ImageJ 1's way — a table becomes the system Results table (so {@code nResults}/{@code getResult} see
 * it) and the summary goes to the Log ({@link ImageJOutputs}, as in Fiji), images are shown. Without macro options it asks with a GenericDialog, which
 * the macro recorder records as {@code run("…", "key=value …")}.
 */
public final class CommandBridge {
    static final String IMAGE_INPUT = "image";

    private CommandBridge() {
    }

    public static void run(Class<? extends Command> command, String title) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // ImageJ 1 loads plugins through its PluginClassLoader; SciJava's plugin index and DJL look up the TCCL.
        thread.setContextClassLoader(command.getClassLoader());
        Context context = new Context(CommandService.class, StatusService.class, LogService.class);
        try {
            CommandService commands = context.service(CommandService.class);
            CommandInfo info = commands.getCommand(command);
            String problem = Macro.getOptions() == null ? null : MacroKeys.problem(info, Macro.getOptions());
            if (problem != null) {
                IJ.log("NERO: " + problem);
                if (IJ.getInstance() != null && !Interpreter.isBatchMode()) {
                    IJ.showMessage("NERO", problem);
                }
                abortMacro();
                return;
            }
            Map<String, Object> inputs = readInputs(command, info, title);
            if (inputs == null) {
                return; // dialog cancelled
            }
            CommandModule module = commands.run(info, true, inputs).get();
            if (module.isCanceled()) {
                abortMacro();
                return;
            }
            publish(info, module);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            IJ.log("NERO: internal error in " + title + ": " + e.getCause());
            IJ.handleException(e.getCause() == null ? e : e.getCause());
            abortMacro();
        } finally {
            context.dispose();
            thread.setContextClassLoader(previous);
        }
    }

    /** Macro options when called from a macro, else a dialog; null when the dialog was cancelled. */
    static Map<String, Object> readInputs(Class<?> command, CommandInfo info, String title) {
        String options = Macro.getOptions();
        Map<String, Object> inputs = new LinkedHashMap<>();
        GenericDialog dialog = options == null ? new GenericDialog("NERO OOD: " + title) : null;
        for (ModuleItem<?> item : info.inputs()) {
            if (!isUserInput(item)) {
                continue;
            }
            String key = item.getName();
            if (dialog != null) {
                Object initial = item.getDefaultValue();
                dialog.addStringField(key, initial == null ? "" : initial.toString(), 40);
            } else {
                putIfGiven(inputs, key, Macro.getValue(options, key, ""));
            }
        }
        if (dialog != null) {
            dialog.addHelp(NeroCommand.helpPage(command));
            dialog.showDialog();
            if (dialog.wasCanceled()) {
                return null;
            }
            for (ModuleItem<?> item : info.inputs()) {
                if (isUserInput(item)) {
                    putIfGiven(inputs, item.getName(), dialog.getNextString());
                }
            }
        }
        if (info.getInput(IMAGE_INPUT) != null) {
            ImagePlus current = WindowManager.getCurrentImage();
            if (current != null) {
                inputs.put(IMAGE_INPUT, current);
            }
        }
        return inputs;
    }

    private static boolean isUserInput(ModuleItem<?> item) {
        if (item.getVisibility() == ItemVisibility.MESSAGE) {
            return false;
        }
        Class<?> type = item.getType();
        return type == String.class || type == File.class || type.isPrimitive() || Number.class.isAssignableFrom(type);
    }

    private static void putIfGiven(Map<String, Object> inputs, String key, String value) {
        if (value != null && !value.isBlank()) {
            inputs.put(key, value.trim());
        }
    }

    /**
     * Shows the image outputs. The table and the summary were already handed to ImageJ (Results table, Log) by
     * {@link ImageJOutputs}, which marks them resolved; an output it left alone is published here the same way.
     */
    static void publish(CommandInfo info, CommandModule module) {
        for (ModuleItem<?> item : info.outputs()) {
            if (module.isOutputResolved(item.getName())) {
                continue;
            }
            Object value = module.getOutput(item.getName());
            if (value instanceof ResultsTable table) {
                ImageJOutputs.showAsResults(table);
            } else if (value instanceof ImagePlus image) {
                image.show();
            } else if (value instanceof String text && !text.isBlank()) {
                IJ.log(text);
            }
        }
    }

    /** A failed run stops the calling macro, so later lines do not read a stale Results table. */
    private static void abortMacro() {
        Interpreter macro = Interpreter.getInstance();
        if (macro != null && !macro.done()) {
            macro.abortMacro();
        }
    }
}
