package nero.app;

import java.util.List;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import nero.io.ImageSource;
import nero.model.Classifier;
import nero.model.Extraction;
import nero.model.ExtractionOptions;
import nero.model.FeatureExtractor;

/** One pass of the model over a source: the features every detector shares, with unreadable files reported. */
final class Extract {
    private Extract() {
    }

    static FeatureSet run(Classifier classifier, ImageSource source, String what, boolean withOdin,
            ProgressListener progress, List<Reports.Skipped> skipped) {
        ExtractionOptions options = new ExtractionOptions(0, 0, false, withOdin);
        Extraction extraction = new FeatureExtractor(classifier, options).extract(source, staged(what, progress));
        skipped.addAll(extraction.skipped());
        FeatureSet features = extraction.features();
        if (features.size() == 0) {
            String reasons = extraction.skipped().isEmpty() ? "" : " (" + extraction.skipped().size()
                    + " unreadable, first: " + extraction.skipped().get(0).id() + ": "
                    + extraction.skipped().get(0).reason() + ")";
            throw new InvalidInputException("no readable image among the " + what + reasons);
        }
        return features;
    }

    /** Fraction of samples whose predicted class index equals the label (labels < 0 are ignored). */
    static double accuracy(FeatureSet s) {
        int counted = 0;
        int right = 0;
        for (int i = 0; i < s.size(); i++) {
            int label = s.labels()[i];
            if (label < 0) {
                continue;
            }
            counted++;
            if (nero.core.Softmax.argmax(s.logits()[i]) == label) {
                right++;
            }
        }
        return counted == 0 ? Double.NaN : (double) right / counted;
    }

    private static ProgressListener staged(String what, ProgressListener progress) {
        return new ProgressListener() {
            @Override
            public void progress(String stage, long done, long total) {
                progress.progress(what, done, total);
            }

            @Override
            public boolean isCancelled() {
                return progress.isCancelled();
            }
        };
    }
}
