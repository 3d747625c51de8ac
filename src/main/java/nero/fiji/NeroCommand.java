package nero.fiji;

import java.util.function.Function;
import nero.app.NeroWorkflow;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * What every NERO command shares, in the manner of Labkit's {@code AbstractProcessFilesInDirectoryPlugin}: the
 * parameters (the help text at the top of the dialog, the summary left for the Log or the command line, the status
 * and log services) and the wiring of a run — guarded by {@link CommandGuard} (user errors shown once, Esc),
 * progress on the status bar through {@link StatusProgress}, one call of the workflow façade. No logic of its own:
 * a command turns its own fields into a request and the report into what Fiji shows.
 *
 * <p>SciJava reads the parameters of the superclasses first, so the help text heads every dialog and the commands'
 * own parameters keep their order (and their recorded macro keys). This is where what every command gets alike
 * belongs: remembered dialog settings, named result tables, checks of macro keys, a Help button, error dialogs.
 */
public abstract class NeroCommand extends ContextCommand {
    /**
     * Shown at the top of the dialog. Being an input no macro sets, it also keeps Fiji's FilePreprocessor from
     * asking for an optional file a macro left out (it asks when the only unresolved input is one File).
     */
    @Parameter(visibility = ItemVisibility.MESSAGE, required = false, persist = false)
    private String about;

    @Parameter(type = ItemIO.OUTPUT)
    private String summary;

    @Parameter(required = false)
    private StatusService status;
    @Parameter(required = false)
    private LogService log;

    /** {@code about}: the dialog's help text, a paragraph of plain text (or HTML inline elements). */
    protected NeroCommand(String about) {
        this.about = "<html><p width='460'>" + about + "</p>";
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
