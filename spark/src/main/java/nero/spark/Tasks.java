package nero.spark;

import java.util.ArrayList;
import java.util.List;
import nero.core.InvalidInputException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * How a job's files are cut into tasks: contiguous runs in the single-machine order (so the output's part files
 * follow that order), at most {@code filesPerTask} files each, fewer when that leaves cores idle, and a multiple
 * of 8 files where possible so that a task of stills ends on a full batch (a short last batch is padded, which
 * costs inference without giving a result).
 */
final class Tasks {
    private static final int BATCH = 8;

    private Tasks() {
    }

    static JavaRDD<InputFile> of(JavaSparkContext jsc, List<InputFile> files, int filesPerTask) {
        int perTask = filesPerTask(files.size(), filesPerTask, jsc.defaultParallelism());
        List<List<InputFile>> groups = new ArrayList<>();
        for (int from = 0; from < files.size(); from += perTask) {
            groups.add(new ArrayList<>(files.subList(from, Math.min(files.size(), from + perTask))));
        }
        // one group per partition: ParallelCollectionRDD cuts a list of n elements into n slices of one
        return jsc.parallelize(groups, Math.max(1, groups.size())).flatMap(List::iterator);
    }

    static int filesPerTask(int files, int filesPerTask, int parallelism) {
        if (filesPerTask < 1) {
            throw new InvalidInputException("--files-per-task must be at least 1, got " + filesPerTask);
        }
        int spread = (int) Math.ceil(files / (double) Math.max(1, parallelism));
        int roundedUp = (spread + BATCH - 1) / BATCH * BATCH;
        return Math.max(1, Math.min(filesPerTask, roundedUp));
    }
}
