package nero.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nero.core.InvalidInputException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is refused before any task runs, with one line naming the file and the problem; threads per task. */
class JobInputsTest {
    private static final Path MODEL = Path.of("..", "sample-data", "model", "nero-sample.pt").toAbsolutePath();
    private static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[1]").appName("nero-spark-inputs")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static ScoreJob job(Path out) {
        ScoreJob job = new ScoreJob();
        job.detector = tmp.resolve("missing.nero");
        job.model = MODEL;
        job.input = MODEL.getParent().toString();
        job.inputType = "auto";
        job.out = out.toString();
        job.format = "parquet";
        job.videoStep = "1s";
        job.filesPerTask = 64;
        return job;
    }

    @Test
    void anExistingOutputFolderIsRefusedBeforeAnythingRuns() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("taken"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> job(out).run(spark));
        assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("already exists"),
                e.getMessage());
    }

    @Test
    void badOptionsAreNamed() {
        ScoreJob badFormat = job(tmp.resolve("a"));
        badFormat.format = "xlsx";
        assertTrue(assertThrows(InvalidInputException.class, () -> badFormat.run(spark)).getMessage()
                .startsWith("--format"));
        ScoreJob badStep = job(tmp.resolve("b"));
        badStep.videoStep = "often";
        assertTrue(assertThrows(InvalidInputException.class, () -> badStep.run(spark)).getMessage()
                .startsWith("--video-step"));
        ScoreJob noDetector = job(tmp.resolve("c"));
        assertTrue(assertThrows(InvalidInputException.class, () -> noDetector.run(spark)).getMessage()
                .contains("missing.nero"));
    }

    @Test
    void aTasksBadInputComesBackAsItsOneLine() {
        RuntimeException fromTask = new RuntimeException("Job aborted due to stage failure: Task 0 in stage 1.0 "
                + "failed 1 times, most recent failure: nero.core.InvalidInputException: /data/x.mp4: the file ends "
                + "inside a frame\n\tat nero.io.video.VideoReader.open(VideoReader.java:40)");
        assertEquals("/data/x.mp4: the file ends inside a frame", JobFailure.badInput(fromTask).getMessage());
        assertEquals(null, JobFailure.badInput(new IllegalStateException("a bug")));
    }

    @Test
    void filesAreCutIntoTasksThatKeepCoresBusyAndEndOnFullBatches() {
        assertEquals(64, Tasks.filesPerTask(240, 64, 2));
        assertEquals(8, Tasks.filesPerTask(100, 64, 16)); // 13 tasks for 16 cores, not 2 of 64
        assertEquals(7, Tasks.filesPerTask(100, 7, 2)); // the user's limit wins
        assertEquals(8, Tasks.filesPerTask(3, 64, 8));
        assertThrows(InvalidInputException.class, () -> Tasks.filesPerTask(10, 0, 2));
    }

    @Test
    void tasksUseTheCoresTheyAreGivenAndNoMore() {
        for (int cores = 1; cores <= 32; cores++) {
            TaskThreads t = TaskThreads.forCores(cores);
            int busy = t.intraOp() * t.inferenceWorkers();
            assertTrue(busy <= cores, cores + " cores: " + t);
            assertTrue(busy + t.decodeThreads() <= Math.max(2, cores + 1), cores + " cores: " + t);
        }
        assertEquals(new TaskThreads(1, 1, 1, 1), TaskThreads.forCores(1));
        assertEquals(new TaskThreads(2, 1, 2, 1), TaskThreads.forCores(2));
        assertEquals(new TaskThreads(8, 4, 1, 4), TaskThreads.forCores(8));
    }

    @picocli.CommandLine.Command(name = "refusing")
    static final class Refusing implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new InvalidInputException("detector file /d/missing.nero does not exist");
        }
    }

    /** spark-submit of a job with bad input: exit 2 and one line on stderr, no stack trace (picocli printed one). */
    @Test
    void badInputEndsTheJobWithExitTwoAndOneLine() {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code;
        try (java.io.PrintStream e = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)) {
            System.setErr(e);
            code = JobFailure.run("score", new Refusing(), new String[0]);
        } finally {
            System.setErr(stderr);
        }
        String text = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(JobFailure.BAD_INPUT, code, text);
        assertEquals(java.util.List.of("nero-spark score: detector file /d/missing.nero does not exist"),
                text.lines().toList());
    }
}
