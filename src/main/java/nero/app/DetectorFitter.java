package nero.app;

import java.util.List;
import nero.core.DetectorState;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.NeroDetector;
import nero.core.NeroParameters;
import nero.core.ProgressListener;
import nero.core.TrainingScatter;
import nero.core.methods.OodMethods;
import nero.model.ModelInfo;

/**
 * Fits every method that learns from the training set (NERO with the requested parameters, and the baselines that
 * need training statistics) on the same training features through the registry, and calibrates NERO's threshold on
 * the ID validation scores (or, without a validation set, on the training scores — optimistic, and said so in the
 * fit summary).
 */
final class DetectorFitter {
    private DetectorFitter() {
    }

    static DetectorState fit(ModelInfo model, HeadWeights head, List<String> classNames, FeatureSet train,
            FeatureSet validation, double tpr, NeroParameters parameters, String modelReference,
            ProgressListener progress) {
        OodMethods.Trained trained = OodMethods.fitTrained(train, head,
                new OodMethods.Settings(model.family(), parameters), progress);
        NeroDetector nero = trained.nero();
        double[] calibration = nero.scores(validation != null ? validation : train);
        return DetectorState.calibrated(nero.state(), trained.baselines(), classNames, model.preprocessing(),
                model.sha256(), modelReference, calibration, tpr,
                TrainingScatter.sample(nero, train, TrainingScatter.DEFAULT_MAX)).withPrecision(model.precision());
    }
}
