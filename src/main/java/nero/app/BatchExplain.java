package nero.app;

import ij.ImagePlus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import nero.core.FeatureSet;
import nero.core.InvalidInputException;
import nero.core.ProgressListener;
import nero.io.ImageSource;
import nero.io.SkippedItem;
import nero.io.SourceItem;

/**
 * Explain for a source of several images (a folder, a multi-frame DICOM, a video): every image scored in one pass
 * that keeps the top-N most OOD items as it goes, then those N with their heatmaps in one montage.
 */
final class BatchExplain {
    private BatchExplain() {
    }

    static Reports.Explain montage(LoadedDetector detector, Explainer explainer, ImageSource source, String where,
            int topN, Path outDir, ProgressListener progress) {
        if (topN < 1) {
            throw new InvalidInputException("top_n must be at least 1, got " + topN);
        }
        List<SkippedItem> skipped = new ArrayList<>();
        MostOod most = new MostOod(detector.nero(), detector.classifier().head(), topN);
        FeatureSet features = SourceFeatures.extract(detector.classifier(), source, "images", where, false,
                detector.decode(), progress,
                skipped, most);
        List<Reports.ScoreRow> rows = detector.rows(features, List.of());
        ImagePlus montage = explainer.montage(most.items(), outDir);
        Path file = outDir == null ? null : outDir.resolve(Explainer.MONTAGE_FILE);
        Reports.ScoreRow mostOod = rows.stream().max(Comparator.comparingDouble(Reports.ScoreRow::neroScore))
                .orElseThrow();
        long ood = rows.stream().filter(Reports.ScoreRow::ood).count();
        String summary = String.format(Locale.ROOT,
                "%d image(s) scored, %d OOD at threshold %.4g; the %d most OOD with their deviation heatmaps: %s%n"
                        + "most OOD: %s (score %.4g)%s",
                rows.size(), ood, mostOod.threshold(), Math.min(topN, rows.size()),
                file == null ? "the montage window" : file, mostOod.id(),
                mostOod.neroScore(), skipped.isEmpty() ? "" : System.lineSeparator() + SkippedItem.listing(skipped));
        return new Reports.Explain(mostOod, Double.NaN, montage, file == null ? List.of() : List.of(file), summary);
    }

    /**
     * The source once more from its start, for a pass that began by looking at its first item: an iterator cannot
     * rewind, and opening the source again would decode a video again.
     */
    static ImageSource resumed(ImageSource source, SourceItem first, Iterator<SourceItem> rest) {
        return new ImageSource() {
            private boolean iterated;

            @Override
            public Iterator<SourceItem> iterator() {
                if (iterated) {
                    throw new IllegalStateException("a resumed source is read once");
                }
                iterated = true;
                return new Iterator<>() {
                    private boolean firstGiven;

                    @Override
                    public boolean hasNext() {
                        return !firstGiven || rest.hasNext();
                    }

                    @Override
                    public SourceItem next() {
                        if (!firstGiven) {
                            firstGiven = true;
                            return first;
                        }
                        return rest.next();
                    }
                };
            }

            @Override
            public long sizeHint() {
                return source.sizeHint();
            }

            @Override
            public List<String> classNames() {
                return source.classNames();
            }
        };
    }
}
