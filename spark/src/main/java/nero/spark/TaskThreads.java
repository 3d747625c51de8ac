package nero.spark;

import org.apache.spark.TaskContext;

/**
 * Threads for one task, from the cores the job gives it ({@code spark.task.cpus}), sized as the single-machine
 * pipeline sizes itself for a machine with that many cores: libtorch intra-op threads = half of them (at least 1),
 * two concurrent inference calls when that is 1 and there are 2 cores or more, decode threads for the rest (at
 * least 1). So concurrent tasks of one executor together use about the executor's cores.
 *
 * @param intraOp libtorch threads per inference call; one value per JVM, fixed when the engine starts
 */
record TaskThreads(int cores, int intraOp, int inferenceWorkers, int decodeThreads) {
    static TaskThreads forCores(int cores) {
        int c = Math.max(1, cores);
        int intraOp = Math.max(1, c / 2);
        int workers = intraOp == 1 && c >= 2 ? 2 : 1;
        int decode = Math.max(1, Math.min(4, c - intraOp));
        return new TaskThreads(c, intraOp, workers, decode);
    }

    /** The running task's share; 1 core outside a task. */
    static TaskThreads ofCurrentTask() {
        TaskContext task = TaskContext.get();
        return forCores(task == null ? 1 : task.cpus());
    }

    /**
     * Sets libtorch's threads before the engine starts in this JVM, unless the user set them
     * ({@code -Dai.djl.pytorch.num_threads} in {@code spark.executor.extraJavaOptions}). No effect once started.
     */
    void configureEngine() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOp));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
