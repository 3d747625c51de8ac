package nero.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import nero.app.BatchScorer;
import nero.io.SkippedItem;
import nero.core.ProgressListener;
import nero.io.FrameSampling;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Scores one partition's files on an executor, chunk by chunk, with the executor's one {@link BatchScorer}; emits
 * rows in {@link ScoreTable#combined} layout (scored and skipped items, in the files' order).
 */
final class ScorePartition implements FlatMapFunction<Iterator<InputFile>, Row> {
    private static final long serialVersionUID = 1L;
    /** Items whose features a task holds at once (about 10 MB for D = 1280, C = 1000). */
    static final int CHUNK = 1024;

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
        PartitionItems items = new PartitionItems(partition, FrameSampling.parse(videoStep, "--video-step"),
                fromFolder, List.of(), hadoop.value());
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) t -> items.close());
        }
        ProgressListener cancel = new ProgressListener() {
            @Override
            public void progress(String stage, long done, long total) {
            }

            @Override
            public boolean isCancelled() {
                return task != null && task.isInterrupted();
            }
        };
        return new Iterator<>() {
            private final Deque<Row> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && items.hasNext()) {
                    List<PartitionItems.Tag> tags = new ArrayList<>();
                    BatchScorer.Scored scored = scorer.score(items.chunk(CHUNK, tags), cancel);
                    items.deleteFinishedCopies();
                    ready.addAll(rows(scorer, tags, scored));
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    /** Scored rows and skipped items come back in item order, each list apart: put them back together. */
    static List<Row> rows(BatchScorer scorer, List<PartitionItems.Tag> tags, BatchScorer.Scored scored) {
        List<Row> out = new ArrayList<>(tags.size());
        int r = 0;
        int s = 0;
        int width = scorer.columns().size();
        for (PartitionItems.Tag tag : tags) {
            if (r < scored.rows().size() && scored.rows().get(r).id().equals(tag.id())) {
                Object[] cells = scored.rows().get(r++).values(scorer.methods()).toArray();
                out.add(ScoreTable.scoredRow(cells, tag));
            } else if (s < scored.skipped().size() && scored.skipped().get(s).id().equals(tag.id())) {
                SkippedItem skip = scored.skipped().get(s++);
                out.add(ScoreTable.skippedRow(width, tag, skip.reason()));
            } else {
                throw new IllegalStateException("item " + tag.id() + " is neither scored nor skipped");
            }
        }
        return out;
    }
}
