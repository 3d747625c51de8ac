package nero.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;
import org.scijava.Priority;
import org.scijava.command.CommandModule;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPostprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.plugin.Plugin;
import org.scijava.service.Service;

/**
 * Hands a NERO command's table and summary to ImageJ the way macros and users expect them, whenever the command
 * runs inside ImageJ (Fiji GUI or headless, plain ImageJ 1 through the shims): the table becomes the system
 * Results table ({@code nResults}, {@code getResult}, {@code Table.*}; a Results window in the GUI) and the summary
 * goes to the Log. Fiji's own display step cannot show an {@code ij.measure.ResultsTable} output ("Ignoring
 * unsupported output") and opens a {@code String} output as a text window, so both outputs are marked resolved
 * here and the display step skips them. Their values stay on the module: a script that runs the command through
 * {@code CommandService} still reads {@code getOutput("results")} and {@code getOutput("summary")} (and a report's
 * typed rows, which have nothing to show, from {@code getOutput("report")}). Images (plots,
 * heatmaps) are shown here too when a window or a macro can use them: Fiji leaves a macro-run command's
 * {@code ImagePlus} outputs unshown, and in batch mode {@code show()} is what hands them to the macro. Outside
 * ImageJ (the command line, tests) nothing happens.
 */
@Plugin(type = PostprocessorPlugin.class, priority = Priority.LOW)
public class ImageJOutputs extends AbstractPostprocessorPlugin {
    static final String SUMMARY = "summary";
    static final String RESULTS_TITLE = "Results";

    @Override
    public void process(Module module) {
        if (!(module instanceof CommandModule command) || !(command.getCommand() instanceof NeroCommand)
                || !insideImageJ()) {
            return;
        }
        for (ModuleItem<?> item : module.getInfo().outputs()) {
            String name = item.getName();
            if (module.isOutputResolved(name)) {
                continue;
            }
            Object value = item.getValue(module);
            if (value instanceof ResultsTable table) {
                showAsResults(table);
                module.resolveOutput(name);
            } else if (value instanceof ImagePlus image && (IJ.getInstance() != null
                    || Interpreter.getInstance() != null)) {
                image.show();
                module.resolveOutput(name);
            } else if (value instanceof String text && name.equals(SUMMARY)) {
                if (!text.isBlank()) {
                    IJ.log(text);
                }
                module.resolveOutput(name);
            } else if (value instanceof Record) {
                module.resolveOutput(name); // a report's rows, for scripts: nothing to show
            }
        }
    }

    /**
     * Makes {@code table} the system Results table (what nResults and getResult() read) and shows it, headings
     * over their values. ImageJ 1.53 and older turn the system table's row numbers on whenever it is fetched, also
     * inside {@code show()} after the headings are written and before the rows are: the headings came out one column
     * left of their values. Fetched once here, the table shows a row-number column there (as ImageJ 1.53 wants for
     * Results) with headings to match; ImageJ 1.54 (Fiji) leaves the flag alone and shows no row numbers.
     */
    public static void showAsResults(ResultsTable table) {
        table.showRowNumbers(false);
        Analyzer.setResultsTable(table);
        Analyzer.getResultsTable();
        table.show(RESULTS_TITLE);
    }

    /** A window or a macro of ImageJ 1, or Fiji's legacy layer in this context (headless scripts included). */
    private boolean insideImageJ() {
        if (IJ.getInstance() != null || Interpreter.getInstance() != null) {
            return true;
        }
        for (Service service : getContext().getServiceIndex()) {
            if (service.getClass().getName().startsWith("net.imagej.legacy.")) {
                return true;
            }
        }
        return false;
    }
}
