package nero.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nero.core.DetectorFile;
import nero.core.DetectorState;
import nero.io.DecodeMode;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import nero.core.NeroDetector;
import nero.core.NeroScore;
import nero.core.methods.ModelFamily;
import nero.core.methods.OodMethod;
import nero.core.methods.OodMethods;
import nero.model.Classifier;

/**
 * A detector file opened together with the classifier it was fitted for, ready to score feature sets with NERO and
 * the requested baselines. The one place where a detector meets its model: a model whose SHA-256 differs from the
 * one the detector records is refused here, and the model is fed the preprocessing the detector was fitted with and
 * run in its precision.
 */
final class LoadedDetector implements AutoCloseable {
    private final Path file;
    private final DetectorState state;
    private final Classifier classifier;
    private final NeroDetector nero;
    private final ModelFamily family;
    private final Map<String, OodMethod> methods = new HashMap<>();

    private LoadedDetector(Path file, DetectorState state, Classifier classifier) {
        this.file = file;
        this.state = state;
        this.classifier = classifier;
        this.nero = state.detector(classifier.head());
        this.family = classifier.info().family();
    }

    static LoadedDetector open(Path detectorFile, Path modelOverride) {
        if (detectorFile == null) {
            throw new InvalidInputException("no detector file given");
        }
        DetectorState state = DetectorFile.load(detectorFile);
        Path model = modelOverride != null ? modelOverride : ModelLocation.resolve(detectorFile, state.modelFileName());
        // the detector's preprocessing, not the sidecar's: a sidecar left behind or edited since fitting would
        // feed the model other pixels than the detector was fitted on, and flip verdicts without a word; and the
        // detector's precision, so the features are computed as at fit (a precision the model cannot run in is
        // refused by name)
        Classifier classifier = Classifier.load(model, state.preprocessing(), state.precision());
        try {
            if (!classifier.info().sha256().equalsIgnoreCase(state.modelSha256())) {
                throw new InvalidInputException("detector " + detectorFile + " was fitted for the model "
                        + state.modelFileName() + " (SHA-256 " + state.modelSha256().substring(0, 12) + "…), but "
                        + model + " is a different file (SHA-256 " + classifier.info().sha256().substring(0, 12)
                        + "…); score with the model it was fitted with, or fit a new detector");
            }
            return new LoadedDetector(detectorFile, state, withDetectorHead(classifier, state));
        } catch (RuntimeException e) {
            classifier.close();
            throw e;
        }
    }

    /**
     * The classifier whose logits the detector was fitted on: the model itself, or the model with the detector's
     * linear probe as its head (sharing the model: close only one of them).
     */
    static Classifier withDetectorHead(Classifier model, DetectorState state) {
        return state.probe() == null ? model : model.withHead(state.probe().head());
    }

    Classifier classifier() {
        return classifier;
    }

    /** The model file and its sidecar, which the job reads (so no output may replace them). */
    Path[] modelFiles() {
        Path file = classifier.info().file();
        return new Path[] {file, Classifier.sidecarOf(file)};
    }

    DetectorState state() {
        return state;
    }

    /** How files are decoded for the model: as at fit (recorded in the detector), on every path. */
    DecodeMode decode() {
        return DecodeMode.recorded(state.decode());
    }

    NeroDetector nero() {
        return nero;
    }

    /** Scores of one method (NERO or a baseline) for a feature set; higher = more OOD. */
    double[] scores(String key, FeatureSet samples) {
        return method(key).score(samples);
    }

    private OodMethod method(String key) {
        return methods.computeIfAbsent(key, k -> {
            try {
                return OodMethods.restore(k, state, classifier.head(), family);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("detector file " + file + ": " + e.getMessage(), e);
            }
        });
    }

    List<Reports.ScoreRow> rows(FeatureSet samples, List<String> extraMethods) {
        NeroScore[] scores = nero.score(samples);
        Map<String, double[]> extra = new LinkedHashMap<>();
        for (String key : extraMethods) {
            extra.put(key, scores(key, samples));
        }
        List<String> names = state.classNames(); // the model's, or the training folders' for an unnamed model
        ArrayList<Reports.ScoreRow> rows = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            NeroScore s = scores[i];
            Map<String, Double> perMethod = new LinkedHashMap<>();
            for (var e : extra.entrySet()) {
                perMethod.put(e.getKey(), e.getValue()[i]);
            }
            rows.add(new Reports.ScoreRow(samples.ids()[i], name(names, s.predictedClass()), s.confidence(),
                    s.score(), s.distance(), s.biasTerm(), s.normRatio(), name(state.classNames(), s.nearestClass()),
                    state.threshold(), state.isOod(s.score()), perMethod));
        }
        return rows;
    }

    private static String name(List<String> names, int index) {
        return index >= 0 && index < names.size() ? names.get(index) : Integer.toString(index);
    }

    @Override
    public void close() {
        classifier.close();
    }
}
