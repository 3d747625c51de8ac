package nero.app;

import java.util.Objects;
import nero.core.ProgressListener;

/**
 * The four jobs as plain methods; the SciJava commands and the command line are thin shells over this class.
 * Data flows one way: image → tensor → logits, features → relevance → score → reports.
 */
public final class NeroWorkflow {
    private final ProgressListener progress;

    public NeroWorkflow(ProgressListener progress) {
        this.progress = Objects.requireNonNull(progress);
    }

    public Reports.Fit fit(Requests.Fit request) {
        throw new UnsupportedOperationException("fit: not implemented yet");
    }

    public Reports.Score score(Requests.Score request) {
        throw new UnsupportedOperationException("score: not implemented yet");
    }

    public Reports.Evaluate evaluate(Requests.Evaluate request) {
        throw new UnsupportedOperationException("evaluate: not implemented yet");
    }

    public Reports.Explain explain(Requests.Explain request) {
        throw new UnsupportedOperationException("explain: not implemented yet");
    }

    ProgressListener progress() {
        return progress;
    }
}
