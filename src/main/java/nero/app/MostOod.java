package nero.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import nero.core.HeadWeights;
import nero.core.NeroDetector;
import nero.io.SourceItem;
import nero.model.FeatureExtractor;

/**
 * The N most OOD items of a source, kept while the source streams by (a video is decoded once): ordered by NERO
 * score, highest first, ties by id as the score table sorts them. Holds at most N items.
 */
final class MostOod implements FeatureExtractor.RowListener {
    private record Scored(SourceItem item, double score) {
    }

    private static final Comparator<Scored> MOST_OOD_FIRST = Comparator.comparingDouble(Scored::score).reversed()
            .thenComparing(s -> s.item().id());

    private final NeroDetector nero;
    private final HeadWeights head;
    private final int n;
    private final PriorityQueue<Scored> kept; // the least OOD on top, to be dropped first

    MostOod(NeroDetector nero, HeadWeights head, int n) {
        this.nero = nero;
        this.head = head;
        this.n = n;
        this.kept = new PriorityQueue<>(MOST_OOD_FIRST.reversed());
    }

    /** Scores the row as the score table does; a row NERO cannot score is passed over (it is reported as skipped). */
    @Override
    public void row(SourceItem item, float[] features, float[] logits) {
        if (SourceFeatures.problem(features, logits, head) == null) {
            offer(item, nero.score(features, logits).score());
        }
    }

    void offer(SourceItem item, double score) {
        kept.add(new Scored(item, score));
        if (kept.size() > n) {
            kept.poll();
        }
    }

    /** The kept items, most OOD first. */
    List<SourceItem> items() {
        List<Scored> sorted = new ArrayList<>(kept);
        sorted.sort(MOST_OOD_FIRST);
        return sorted.stream().map(Scored::item).toList();
    }
}
