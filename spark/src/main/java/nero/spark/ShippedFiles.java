package nero.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import nero.core.Sha256;
import nero.model.Classifier;
import nero.core.InvalidInputException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * The detector, the model and the model's sidecar, shipped with the job as broadcast variables and written once
 * per executor JVM into a local folder, after checking each file's SHA-256 against the driver's: every executor
 * scores with exactly the files the driver was given. (Broadcasts rather than {@code SparkContext.addFile}: with
 * Spark 4's per-session artifacts, files added to the context did not reach executors of a standalone cluster.)
 * The copies live in the executor's {@link ExecutorScratch} folder, deleted when the JVM exits.
 */
final class ShippedFiles implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Per executor JVM: the folder holding each shipped set, by {@link #key()}. */
    private static final Map<String, Path> WRITTEN = new HashMap<>();

    private record Shipped(String name, String sha256, Broadcast<byte[]> bytes) implements Serializable {
    }

    private final Shipped detector;
    private final Shipped model;
    private final Shipped sidecar;

    private ShippedFiles(Shipped detector, Shipped model, Shipped sidecar) {
        this.detector = detector;
        this.model = model;
        this.sidecar = sidecar;
    }

    /** {@code detector} may be null (a fit ships the model alone). */
    static ShippedFiles ship(SparkSession spark, Path detector, Path model) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Path sidecarFile = Classifier.sidecarOf(model);
        Shipped d = detector == null ? null : ship(jsc, detector, "detector file");
        Shipped m = ship(jsc, model, "model");
        Shipped s = Files.isRegularFile(sidecarFile) ? ship(jsc, sidecarFile, "model sidecar") : null;
        if (d != null && (d.name().equals(m.name()) || s != null && d.name().equals(s.name()))) {
            throw new InvalidInputException("the detector file " + detector + " has the name of the model or its "
                    + "sidecar; rename it (the job writes them side by side)");
        }
        return new ShippedFiles(d, m, s);
    }

    private static Shipped ship(JavaSparkContext jsc, Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(what + " not found: " + file);
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            return new Shipped(file.getFileName().toString(), Sha256.of(bytes), jsc.broadcast(bytes));
        } catch (IOException | OutOfMemoryError e) {
            throw new InvalidInputException("cannot read the " + what + " " + file + ": " + e, e);
        }
    }

    /** Identifies the shipped contents (for caching what is opened from them). */
    String key() {
        return (detector == null ? "-" : detector.sha256()) + "/" + model.sha256() + "/"
                + (sidecar == null ? "-" : sidecar.sha256());
    }

    /** This executor's copy of the detector file. */
    Path localDetector() {
        return written().resolve(detector.name());
    }

    /** This executor's copy of the model, its sidecar beside it. */
    Path localModel() {
        return written().resolve(model.name());
    }

    /** Drops the broadcast copies once the job is done (executors keep the files they wrote until they exit). */
    void release() {
        for (Shipped s : new Shipped[] {detector, model, sidecar}) {
            if (s != null) {
                s.bytes().unpersist(false);
            }
        }
    }

    private Path written() {
        synchronized (WRITTEN) {
            Path dir = WRITTEN.get(key());
            if (dir == null) {
                try {
                    dir = Files.createTempDirectory(ExecutorScratch.folder(), "shipped-");
                    for (Shipped s : new Shipped[] {detector, model, sidecar}) {
                        if (s != null) {
                            write(dir, s);
                        }
                    }
                } catch (IOException e) {
                    throw new InvalidInputException("cannot write the shipped model files on this executor: "
                            + e.getMessage(), e);
                }
                WRITTEN.put(key(), dir);
            }
            return dir;
        }
    }

    /** Writes a shipped file once its bytes are checked against the driver's SHA-256 (nothing else is written). */
    private static void write(Path dir, Shipped s) throws IOException {
        byte[] bytes = s.bytes().value();
        String sha = Sha256.of(bytes);
        if (!sha.equals(s.sha256())) {
            throw new InvalidInputException(s.name() + " arrived on this executor with SHA-256 " + sha.substring(0, 12)
                    + "…, not the driver's " + s.sha256().substring(0, 12) + "…");
        }
        Path file = dir.resolve(s.name());
        Files.write(file, bytes);
    }
}
