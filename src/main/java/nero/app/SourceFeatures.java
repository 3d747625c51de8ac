package nero.app;

import java.util.List;
import nero.core.FeatureSet;
import nero.core.HeadWeights;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import nero.core.Relevance;
import nero.core.RelevanceRule;
import nero.io.DecodeMode;
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

    /**
     * {@code what} names the images in progress messages; {@code where} says where they came from in errors;
     * {@code decode}: how files are decoded for the model (the detector's mode, or at fit the one to record).
     */
    static FeatureSet extract(Classifier classifier, ImageSource source, String what, String where, boolean withOdin,
            DecodeMode decode, ProgressListener progress, List<SkippedItem> skipped) {
        return extract(classifier, source, what, where, withOdin, decode, progress, skipped,
                (item, features, logits) -> {
                });
    }

    /** The same, telling {@code rows} about every row as the source streams by (unscorable ones too). */
    static FeatureSet extract(Classifier classifier, ImageSource source, String what, String where, boolean withOdin,
            DecodeMode decode, ProgressListener progress, List<SkippedItem> skipped,
            FeatureExtractor.RowListener rows) {
        ExtractionOptions options = new ExtractionOptions(0, 0, false, withOdin).decoding(decode);
        Extraction extraction = new FeatureExtractor(classifier, options).extract(source, staged(what, progress),
                rows);
        List<SkippedItem> unreadable = extraction.skipped().stream().map(SkippedItem::withoutRepeatedId).toList();
        skipped.addAll(unreadable);
        FeatureSet features = unscorableSkipped(extraction.features(), classifier, skipped);
        if (features.size() == 0) {
            String reasons = unreadable.isEmpty() ? ": no image, DICOM or video file found" : ": "
                    + unreadable.size() + " unreadable, first " + unreadable.get(0).id() + ": "
                    + unreadable.get(0).reason();
            throw new InvalidInputException("no readable image among the " + what + " in " + where + reasons);
        }
        return features;
    }

    /**
     * Images NERO cannot score (an all-zero feature vector, a zero class logit) are reported and skipped like an
     * unreadable file, so one of them never stops a batch; NaN/inf outputs were already skipped by the extractor.
     */
    private static FeatureSet unscorableSkipped(FeatureSet all, Classifier classifier, List<SkippedItem> skipped) {
        int[] keep = new int[all.size()];
        int kept = 0;
        for (int i = 0; i < all.size(); i++) {
            String problem = problem(all.features()[i], all.logits()[i], classifier.head());
            if (problem == null) {
                keep[kept++] = i;
            } else {
                skipped.add(new SkippedItem(all.ids()[i], problem + "; the image is not scored"));
            }
        }
        return kept == all.size() ? all : all.select(java.util.Arrays.copyOf(keep, kept));
    }

    /** Why NERO cannot score these outputs (an all-zero feature vector, a zero class logit), or null. */
    static String problem(float[] features, float[] logits, HeadWeights head) {
        return Relevance.problem(features, logits, head, RelevanceRule.authors());
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
