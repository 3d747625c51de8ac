package nero.app;

import java.util.List;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import nero.io.ImageSource;
import nero.io.SkippedItem;
import nero.model.Classifier;
import nero.model.Extraction;
import nero.model.ExtractionOptions;
import nero.model.FeatureExtractor;

/**
 * One pass of the model over a source: the features every detector shares (image → tensor → features, logits in
 * model.FeatureExtractor), with unreadable items reported and an empty result refused.
 */
final class SourceFeatures {
    private SourceFeatures() {
    }

    /** {@code what} names the images in progress messages; {@code where} says where they came from in errors. */
    static FeatureSet extract(Classifier classifier, ImageSource source, String what, String where, boolean withOdin,
            ProgressListener progress, List<SkippedItem> skipped) {
        ExtractionOptions options = new ExtractionOptions(0, 0, false, withOdin);
        Extraction extraction = new FeatureExtractor(classifier, options).extract(source, staged(what, progress));
        List<SkippedItem> unreadable = extraction.skipped().stream().map(SkippedItem::withoutRepeatedId).toList();
        skipped.addAll(unreadable);
        FeatureSet features = extraction.features();
        if (features.size() == 0) {
            String reasons = unreadable.isEmpty() ? ": no image, DICOM or video file found" : ": "
                    + unreadable.size() + " unreadable, first " + unreadable.get(0).id() + ": "
                    + unreadable.get(0).reason();
            throw new InvalidInputException("no readable image among the " + what + " in " + where + reasons);
        }
        return features;
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
