package nero.fiji;

import ij.IJ;
import java.io.IOException;
import java.net.URL;
import java.util.Locale;
import java.util.function.Function;
import nero.app.NeroWorkflow;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.platform.PlatformService;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.Button;

/**
 * What every NERO command shares, in the manner of Labkit's {@code AbstractProcessFilesInDirectoryPlugin}: the
 * parameters (the help text at the top of the dialog, the summary left for the Log or the command line, the status
 * and log services) and the wiring of a run — guarded by {@link CommandGuard} (user errors shown once, Esc),
 * progress on the status bar through {@link StatusProgress}, one call of the workflow façade. No logic of its own:
 * a command turns its own fields into a request and the report into what Fiji shows.
 *
 * <p>SciJava reads the parameters of the superclasses first, so the help text heads every dialog and the commands'
 * own parameters keep their order (and their recorded macro keys); the Help button sits under the help text. What
 * every command gets alike but needs a processing step of its own lives beside it: remembered dialog settings
 * ({@link RememberedSettings}), checks of macro keys ({@link MacroDefaults}), named result tables
 * ({@link ImageJOutputs}), error dialogs ({@link CommandGuard}).
 */
public abstract class NeroCommand extends ContextCommand {
    /**
     * The user documentation of the Fiji commands; each command's Help button opens its section. The project's
     * address (the pom's {@code <url>}, which Fiji's search bar opens for "Help" on a NERO command) is {@link #HOME}.
     */
    public static final String HOME = "https://github.com/nero-fiji/nero-fiji";
    public static final String DOCS = HOME + "/blob/main/docs/fiji.md";

    /**
     * Shown at the top of the dialog. Being an input no macro sets, it also keeps Fiji's FilePreprocessor from
     * asking for an optional file a macro left out (it asks when the only unresolved input is one File).
     */
    @Parameter(visibility = ItemVisibility.MESSAGE, required = false, persist = false)
    private String about;

    @Parameter(label = "Help", callback = "openHelp", required = false, persist = false,
            description = "Opens this command's section of the NERO documentation in the web browser")
    private Button help;

    @Parameter(type = ItemIO.OUTPUT)
    private String summary;

    @Parameter(required = false)
    private StatusService status;
    @Parameter(required = false)
    private LogService log;
    @Parameter(required = false)
    private PlatformService platform;

    /** {@code about}: the dialog's help text, a paragraph of plain text (or HTML inline elements). */
    protected NeroCommand(String about) {
        this.about = "<html><p width='460'>" + about + "</p>";
    }

    /** The command's section of the documentation: {@link #DOCS} with the menu label as anchor ("#score-images"). */
    public String helpPage() {
        return helpPage(getClass());
    }

    /** {@link #helpPage()} of a command class. */
    public static String helpPage(Class<?> command) {
        Plugin plugin = command.getAnnotation(Plugin.class);
        Menu[] menu = plugin == null ? new Menu[0] : plugin.menu();
        return menu.length == 0 ? DOCS : DOCS + "#" + menu[menu.length - 1].label().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }

    /** The Help button: the browser, or where there is none, the address in the Log. */
    protected void openHelp() {
        String page = helpPage();
        try {
            if (platform == null) {
                throw new IOException("no platform service");
            }
            platform.open(new URL(page));
        } catch (IOException | RuntimeException e) {
            IJ.log("NERO: the documentation is at " + page);
        }
    }

    /**
     * Runs one job of the workflow, guarded, with progress on the status bar; what the job returns becomes the
     * {@code summary} output. A user error or a cancel ends the command cancelled, with no summary.
     */
    protected final void runJob(Function<NeroWorkflow, String> job) {
        CommandGuard.run(this, log, () -> {
            StatusProgress progress = new StatusProgress(status, this::isCanceled);
            String text = job.apply(new NeroWorkflow(progress));
            progress.finish();
            summary = text;
        });
    }
}
