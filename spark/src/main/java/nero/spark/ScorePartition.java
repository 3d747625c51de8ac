package nero.spark;

import java.util.Iterator;
import java.util.List;
import nero.app.BatchScorer;
import nero.io.video.FrameSampling;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Scores one partition's files on an executor, chunk by chunk, with the executor's one {@link BatchScorer}; emits
 * rows in {@link ScoreTable#combined} layout (scored and skipped items, in the files' order).
 */
final class ScorePartition implements FlatMapFunction<Iterator<InputFile>, Row> {
    private static final long serialVersionUID = 1L;
    private final ShippedFiles files;
    private final List<String> methods;
    private final String videoStep;
    private final boolean fromFolder;
    private final SerializableConfiguration hadoop;

    ScorePartition(ShippedFiles files, List<String> methods, String videoStep, boolean fromFolder,
            SerializableConfiguration hadoop) {
        this.files = files;
        this.methods = List.copyOf(methods);
        this.videoStep = videoStep;
        this.fromFolder = fromFolder;
        this.hadoop = hadoop;
    }

    @Override
    public Iterator<Row> call(Iterator<InputFile> partition) {
        BatchScorer scorer = ExecutorModels.scorer(files, methods, TaskThreads.ofCurrentTask());
        return PartitionItems.mapChunks(partition, FrameSampling.parse(videoStep, "--video-step"), fromFolder,
                hadoop.value(), (chunk, tags, cancel) -> rows(scorer, tags, scorer.score(chunk, cancel)));
    }

    /** Scored rows and skipped items come back in item order, each list apart: put them back together. */
    static List<Row> rows(BatchScorer scorer, List<PartitionItems.Tag> tags, BatchScorer.Scored scored) {
        int width = scorer.columns().size();
        return InItemOrder.merge(tags, scored.rows().stream().map(row -> row.id()).toList(),
                (tag, r) -> ScoreTable.scoredRow(scored.rows().get(r).values(scorer.methods()).toArray(), tag),
                scored.skipped(), (tag, skip) -> ScoreTable.skippedRow(width, tag, skip.reason()), "scored");
    }
}
