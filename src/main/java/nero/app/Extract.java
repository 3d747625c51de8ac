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

/** One pass of the model over a source: the features every detector shares, with unreadable files reported. */
final class Extract {
    private Extract() {
    }

    /** {@code what} names the images in progress messages; {@code where} says where they came from in errors. */
    static FeatureSet run(Classifier classifier, ImageSource source, String what, String where, boolean withOdin,
            ProgressListener progress, List<SkippedItem> skipped) {
        ExtractionOptions options = new ExtractionOptions(0, 0, false, withOdin);
        Extraction extraction = new FeatureExtractor(classifier, options).extract(source, staged(what, progress));
        List<SkippedItem> unreadable = extraction.skipped().stream().map(Extract::withoutRepeatedId).toList();
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

    /**
     * The readers' messages start with the file they refuse ("/a/b.jpg: corrupt …"), and the report names the
     * item again; keep the reason alone so every line names the file once.
     */
    static SkippedItem withoutRepeatedId(SkippedItem s) {
        String id = s.id();
        String reason = s.reason() == null ? "unreadable" : s.reason();
        int hash = id.indexOf('#');
        for (String prefix : hash < 0 ? List.of(id) : List.of(id, id.substring(0, hash))) {
            if (reason.startsWith(prefix + ": ")) {
                return new SkippedItem(id, reason.substring(prefix.length() + 2));
            }
        }
        return s;
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
