package nero.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scijava.Priority;
import org.scijava.command.CommandModule;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPostprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.plugin.Plugin;
import org.scijava.service.Service;

/**
 * Hands a NERO command's tables, images and summary to ImageJ the way macros and users expect them, whenever the
 * command runs inside ImageJ (Fiji GUI or headless, plain ImageJ 1 through the shims).
 *
 * <p>Tables, as Analyze Particles does with its Results and Summary: the run's own table (an output marked
 * {@value #APPENDS}) becomes the system Results table, exactly this run's rows ({@code nResults}, {@code getResult},
 * {@code Table.*}; a Results window in the GUI), and its rows are also added to the named table its label gives
 * ("NERO Scores", "NERO Explain", "NERO Metrics", "NERO Segments"), which collects every run until it is closed (or reset by a macro's
 * {@code Table.reset(title)}); the attribute's value names inputs whose values become extra columns there (which
 * folders an evaluation compared). Any other table output opens in a window of its own, titled by its label and
 * replaced by the next run (an explanation's score parts and top neurons). Named tables are windows: headless there
 * is only the Results table.
 *
 * <p>Fiji's own display step cannot show an {@code ij.measure.ResultsTable} output ("Ignoring unsupported output")
 * and opens a {@code String} output as a text window, so the outputs shown here are marked resolved and the display
 * step skips them; the summary goes to the Log. Their values stay on the module: a script that runs the command
 * through {@code CommandService} still reads {@code getOutput("results")} and {@code getOutput("summary")} (and a
 * report's typed rows, which have nothing to show, from {@code getOutput("report")}). Images (plots, heatmaps) are
 * shown here too when a window or a macro can use them: Fiji leaves a macro-run command's {@code ImagePlus} outputs
 * unshown, and in batch mode {@code show()} is what hands them to the macro; an image made from an ImageJ
 * {@code Plot} opens as a live plot window. Outside ImageJ (the command line, tests) nothing happens.
 */
@Plugin(type = PostprocessorPlugin.class, priority = Priority.LOW)
public class ImageJOutputs extends AbstractPostprocessorPlugin {
    static final String SUMMARY = "summary";
    static final String RESULTS_TITLE = "Results";
    /**
     * The attribute that marks a command's own table: it fills the Results table and is appended to the named table
     * of its label; its value lists inputs (comma-separated, may be empty) added as columns to the named table.
     */
    public static final String APPENDS = "appends";

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
                String appends = item.get(APPENDS);
                if (appends != null) {
                    NamedTables.append(item.getLabel(), table, runColumns(module, appends));
                    // last, so in front: a macro's Table.* without a title reads the front table
                    showAsResults(table);
                } else {
                    NamedTables.replace(item.getLabel(), table);
                }
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

    /** The inputs named by an {@value #APPENDS} attribute, as column → text (a file as its path). */
    static Map<String, String> runColumns(Module module, String inputs) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String input : inputs.split(",")) {
            if (!input.isBlank() && module.getInfo().getInput(input.trim()) != null) {
                Object v = module.getInput(input.trim());
                columns.put(input.trim(), v == null ? "" : v.toString());
            }
        }
        return columns;
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
