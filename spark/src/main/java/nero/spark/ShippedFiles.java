package nero.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import nero.core.DetectorFile;
import nero.core.InvalidInputException;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;

/**
 * The detector, the model and the model's sidecar, shipped with the job ({@code SparkContext.addFile}) and checked
 * by SHA-256 on each executor before use, so every executor scores with exactly the files the driver was given.
 */
final class ShippedFiles implements Serializable {
    private static final long serialVersionUID = 1L;

    private record Shipped(String name, String sha256) implements Serializable {
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
        Path sidecarFile = sidecarOf(model);
        Shipped d = detector == null ? null : ship(spark, detector, "detector file");
        Shipped m = ship(spark, model, "model");
        Shipped s = Files.isRegularFile(sidecarFile) ? ship(spark, sidecarFile, "model sidecar") : null;
        if (d != null && d.name().equals(m.name())) {
            throw new InvalidInputException("the detector file and the model are both named " + d.name()
                    + "; rename one (the job ships them side by side)");
        }
        return new ShippedFiles(d, m, s);
    }

    private static Shipped ship(SparkSession spark, Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(what + " not found: " + file);
        }
        Path absolute = file.toAbsolutePath().normalize();
        String sha = DetectorFile.sha256(absolute);
        spark.sparkContext().addFile(absolute.toString());
        return new Shipped(absolute.getFileName().toString(), sha);
    }

    /** The sidecar a model is read with: {@code <model name without extension>.json} beside it. */
    static Path sidecarOf(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    /** Identifies the shipped contents (for caching what is opened from them). */
    String key() {
        return (detector == null ? "-" : detector.sha256()) + "/" + model.sha256() + "/"
                + (sidecar == null ? "-" : sidecar.sha256());
    }

    /** The executor's copy of the detector file, after checking its SHA-256. */
    Path localDetector() {
        return verified(detector, "detector file");
    }

    /** The executor's copy of the model (its sidecar beside it), after checking both SHA-256s. */
    Path localModel() {
        if (sidecar != null) {
            verified(sidecar, "model sidecar");
        }
        return verified(model, "model");
    }

    private static Path verified(Shipped s, String what) {
        Path local = Path.of(SparkFiles.get(s.name()));
        String sha = DetectorFile.sha256(local);
        if (!sha.equalsIgnoreCase(s.sha256())) {
            throw new InvalidInputException("the " + what + " " + s.name() + " on this executor (" + local
                    + ", SHA-256 " + sha.substring(0, 12) + "…) differs from the driver's (SHA-256 "
                    + s.sha256().substring(0, 12) + "…); was it replaced while the job ran?");
        }
        return local;
    }
}
