package nero.app;

import ij.ImagePlus;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import nero.core.InvalidInputException;
import nero.io.ImageSource;
import nero.io.SkippedItem;
import nero.io.SourceItem;
import nero.io.source.ImageSources;

/** Explain for a scored folder (or multi-frame object): the top-N most OOD images with their heatmaps, one montage. */
final class BatchExplain {
    private BatchExplain() {
    }

    static Reports.Explain montage(Explainer explainer, List<Reports.ScoreRow> rows, int topN, Path outDir,
            List<SkippedItem> skipped) {
        if (topN < 1) {
            throw new InvalidInputException("top_n must be at least 1, got " + topN);
        }
        ImagePlus montage = explainer.montage(rows, topN, outDir, BatchExplain::read);
        Path file = outDir.resolve(Explainer.MONTAGE_FILE);
        Reports.ScoreRow most = rows.stream().max(Comparator.comparingDouble(Reports.ScoreRow::neroScore))
                .orElseThrow();
        long ood = rows.stream().filter(Reports.ScoreRow::ood).count();
        String summary = String.format(Locale.ROOT,
                "%d image(s) scored, %d OOD at threshold %.4g; the %d most OOD with their deviation heatmaps: %s%n"
                        + "most OOD: %s (score %.4g)%s",
                rows.size(), ood, most.threshold(), Math.min(topN, rows.size()), file, most.id(), most.neroScore(),
                skipped.isEmpty() ? "" : System.lineSeparator() + SkippedItem.listing(skipped));
        return new Reports.Explain(most, Double.NaN, montage, List.of(file), summary);
    }

    /** Re-reads one scored image by its id: the file itself, or the matching frame/still of a DICOM or video. */
    static ImagePlus read(String id) {
        Path file = Path.of(SourceItem.fileOf(id));
        try (ImageSource s = ImageSources.open(file)) {
            for (Iterator<SourceItem> it = s.iterator(); it.hasNext();) {
                SourceItem item = it.next();
                if (item.id().equals(id)) {
                    return item.read();
                }
            }
        }
        throw new InvalidInputException("cannot find " + id + " again");
    }
}
