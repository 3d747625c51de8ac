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
        ModelFamily family = Families.of(model);
        Map<String, JsonObject> baselines = new LinkedHashMap<>();
        List<String> trained = OodMethods.keys().stream()
                .filter(k -> !k.equals(MethodChoice.NERO))
                .filter(k -> OodMethods.create(k, family).requiresTraining())
                .toList();
        int done = 0;
        for (String key : trained) {
            progress.checkCancelled();
            progress.progress("fitting " + key, done++, trained.size());
            OodMethod method = OodMethods.create(key, family);
            method.fit(train, head);
            baselines.put(key, method.state());
        }
        double[] calibration = nero.scores(validation != null ? validation : train);
        return DetectorState.calibrated(nero.state(), baselines, classNames, model.preprocessing(), model.sha256(),
                modelReference, calibration, tpr, TrainingScatter.sample(nero, train, TrainingScatter.DEFAULT_MAX));
    }
}
