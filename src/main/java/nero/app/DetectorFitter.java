package nero.app;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nero.core.DetectorState;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.NeroDetector;
import nero.core.NeroParameters;
import nero.core.ProgressListener;
import nero.core.TrainingScatter;
import nero.core.methods.ModelFamily;
import nero.core.methods.OodMethod;
import nero.core.methods.OodMethods;
import nero.model.ModelInfo;

/**
 * Fits NERO (the authors' defaults) and every baseline that needs training statistics on the same training
 * features, and calibrates NERO's threshold on the ID validation scores (or, without a validation set, on the
 * training scores — optimistic, and said so in the fit summary).
 */
final class DetectorFitter {
    private DetectorFitter() {
    }

    static DetectorState fit(ModelInfo model, HeadWeights head, List<String> classNames, FeatureSet train,
            FeatureSet validation, double tpr, NeroParameters parameters, String modelReference,
            ProgressListener progress) {
        NeroDetector nero = NeroDetector.fit(train, head, parameters);
        ModelFamily family = model.family();
        Map<String, JsonObject> baselines = new LinkedHashMap<>();
        // NERO is the detector itself (fitted above, its state is the file's own); the other methods that learn
        // from the training set keep their statistics beside it
        List<OodMethods.Entry> trained = OodMethods.entries().stream()
                .filter(e -> e.needs().training() && !e.key().equals(OodMethods.NERO))
                .toList();
        int done = 0;
        for (OodMethods.Entry entry : trained) {
            progress.checkCancelled();
            progress.progress("fitting " + entry.key(), done++, trained.size());
            OodMethod method = entry.create(OodMethods.Settings.of(family));
            method.fit(train, head);
            baselines.put(entry.key(), method.state());
        }
        double[] calibration = nero.scores(validation != null ? validation : train);
        return DetectorState.calibrated(nero.state(), baselines, classNames, model.preprocessing(), model.sha256(),
                modelReference, calibration, tpr, TrainingScatter.sample(nero, train, TrainingScatter.DEFAULT_MAX))
                .withPrecision(model.precision());
    }
}
