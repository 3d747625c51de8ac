package nero.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nero.core.HeadWeights;
import nero.core.InvalidInputException;
import nero.core.Precision;

/**
 * The model contract, checked once on a probe batch whatever engine runs the model: {@code features} is N×D and
 * the input of the final linear layer (the head applied to it gives the model's logits), the feature map (if any)
 * is N×D×h×w with {@code features} as its spatial mean, the logits are finite, and the sidecar agrees. Each refusal
 * names the file, the problem and the fix, in the words of the model's format ({@link Terms}).
 */
final class ContractCheck {
    static final int PROBE_BATCH = 2;
    static final double TOLERANCE = 1e-4;

    /** How one model format calls the contract's parts, and how to fix a model of that format. */
    record Terms(String logits, String features, String featureMap, String fix) {
        static final Terms TORCHSCRIPT = new Terms("`forward`", "`features`", "`feature_map`",
                "Re-export with " + ModelSidecar.EXPORT_TOOL + ".");
    }

    /**
     * How far head(features) may be from the logits, and the map's spatial mean from the features: max |a − b| /
     * max(1, |b|). 1e-4 for float models; a quantised model's outputs are rounded to its 8-bit steps ({@code why}
     * says so in a refusal).
     */
    record Tolerance(double head, double map, String why) {
        static final Tolerance FLOAT = new Tolerance(TOLERANCE, TOLERANCE, null);
    }

    /** The model's outputs on the probe batch; {@code featureMap} is asked for only when the model has one. */
    record ProbeOutputs(ModelTensor logits, ModelTensor features, Supplier<ModelTensor> featureMap) {
    }

    /** PyTorch's words for a first convolution that takes another number of channels than it is given. */
    private static final Pattern CHANNELS = Pattern.compile("to have (\\d+) channels, but got 3 channels");

    private final Path file;
    private final ModelSidecar sidecar;
    private final Terms terms;

    ContractCheck(Path file, ModelSidecar sidecar, Terms terms) {
        this.file = file;
        this.sidecar = sidecar;
        this.terms = terms;
    }

    /**
     * What the model is, once its head is known: class names from the sidecar (checked) or class0…; it runs in
     * {@code precision}.
     */
    ModelInfo info(String sha256, HeadWeights head, boolean hasMap, Precision precision) {
        return new ModelInfo(file, sha256, classNames(head.classes()), sidecar.preprocessing, head.dimension(),
                head.classes(), hasMap, sidecar.family, precision);
    }

    private List<String> classNames(int classes) {
        if (sidecar.classNames.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < classes; i++) {
                names.add("class" + i);
            }
            return names;
        }
        if (sidecar.classNames.size() != classes) {
            throw new InvalidInputException("model " + file + " has " + classes + " outputs but its sidecar "
                    + ModelSidecar.pathFor(file).getFileName() + " names " + sidecar.classNames.size()
                    + " classes; fix \"class_names\" or " + ModelSidecar.EXPORT_HINT);
        }
        return sidecar.classNames;
    }

    /**
     * Checks the probe outputs against the head; {@code headTolerance} bounds max |head(features) − logits| /
     * max(1, |logits|) (1e-4 for float heads).
     */
    void checkOutputs(HeadWeights head, ProbeOutputs out, Tolerance tolerance) {
        ModelTensor features = out.features();
        ModelTensor logits = out.logits();
        if (features.rank() != 2 || features.dim(0) != PROBE_BATCH) {
            throw refuse(terms.features() + " must return N×D, it returned " + features.shapeText() + ". "
                    + terms.fix());
        }
        if (logits.rank() != 2 || logits.dim(0) != PROBE_BATCH) {
            throw refuse(terms.logits() + " must return N×classes logits, it returned " + logits.shapeText() + ". "
                    + terms.fix());
        }
        int d = features.dim(1);
        if (d != head.dimension()) {
            throw refuse(terms.features() + " gives " + d + " values per image but the final layer takes "
                    + head.dimension() + "; " + terms.features() + " must return the input of the final linear "
                    + "layer. " + terms.fix());
        }
        if (logits.dim(1) != head.classes()) {
            throw refuse(terms.logits() + " gives " + logits.dim(1) + " logits but the final layer has "
                    + head.classes() + " outputs; name the right layer in the sidecar's \"head\" field or "
                    + uncapitalised(terms.fix()));
        }
        if (sidecar.featureDim != null && sidecar.featureDim != d) {
            throw refuse("sidecar says feature_dim=" + sidecar.featureDim + " but " + terms.features() + " gives "
                    + d + "; " + ModelSidecar.EXPORT_HINT + ".");
        }
        float[][] h0 = HeadMath.rows(features.values(), PROBE_BATCH, d);
        float[][] expected = HeadMath.rows(logits.values(), PROBE_BATCH, logits.dim(1));
        requireFinite(expected);
        double diff = HeadMath.maxRelativeDifference(HeadMath.applyHead(head, h0), expected);
        if (diff > tolerance.head()) {
            throw refuse("the final layer applied to " + terms.features() + " does not reproduce " + terms.logits()
                    + " (max difference " + String.format("%.3g", diff) + " > " + text(tolerance.head(), tolerance)
                    + "), so "
                    + terms.features() + " is not the input of the final linear layer (or the head parameters are "
                    + "not the last layer). " + terms.fix());
        }
        if (out.featureMap() != null) {
            checkFeatureMap(out.featureMap().get(), h0, d, tolerance);
        }
    }

    /**
     * The refusal for a model that failed on the probe batch, naming the engine's cause ({@code cause}, its last
     * line) and only then a fix that fits it: a first layer for other channel counts, or another input size.
     */
    InvalidInputException probeFailed(InputBatch x, String cause, Throwable e) {
        Matcher channels = CHANNELS.matcher(cause);
        if (channels.find()) {
            return wrongChannels(file, Integer.parseInt(channels.group(1)), cause);
        }
        boolean sizeRelated = cause.contains("size") || cause.contains("shape") || cause.contains("mat1");
        return new InvalidInputException("model " + file + " failed on a " + x.n() + "×3×" + x.height() + "×"
                + x.width() + " probe input (" + x.height() + "×" + x.width() + " from " + sidecar.inputSizeSource
                + "): " + cause + (sizeRelated ? ". If the model takes another input size, set \"input_size\" in "
                + "its sidecar " + ModelSidecar.pathFor(file).getFileName() : ""), e);
    }

    /** A model whose first layer takes {@code channels} channels per pixel, not NERO's three. */
    static InvalidInputException wrongChannels(Path file, int channels, String engineSays) {
        return new InvalidInputException("model " + file + " takes " + channels + " channel"
                + (channels == 1 ? "" : "s") + " per pixel, but NERO gives every model 3 (RGB) channels, grey "
                + "pictures copied into all three. Adapt its first layer to 3 channels (for a grey model: its weights "
                + "repeated over 3 channels and divided by 3) and export it again"
                + (engineSays == null ? "." : " (the engine says: " + engineSays + ")."));
    }

    private void checkFeatureMap(ModelTensor map, float[][] features, int d, Tolerance tolerance) {
        if (map.rank() != 4 || map.dim(0) != PROBE_BATCH || map.dim(1) != d) {
            throw refuse(terms.featureMap() + " must return N×" + d + "×h×w, it returned " + map.shapeText() + ". "
                    + terms.fix());
        }
        float[][] mean = HeadMath.spatialMean(map.values(), PROBE_BATCH, d, map.dim(2) * map.dim(3));
        double mapDiff = HeadMath.maxRelativeDifference(mean, features);
        if (mapDiff > tolerance.map()) {
            throw refuse("the spatial mean of " + terms.featureMap() + " differs from " + terms.features()
                    + " (max difference " + String.format("%.3g", mapDiff) + " > " + text(tolerance.map(), tolerance)
                    + "). " + terms.fix());
        }
    }

    private void requireFinite(float[][] logits) {
        for (float[] row : logits) {
            for (float v : row) {
                if (!Float.isFinite(v)) {
                    throw new InvalidInputException("model " + file + " gives NaN or infinite logits on a probe "
                            + "input; check the model's weights.");
                }
            }
        }
    }

    private InvalidInputException refuse(String problem) {
        return new InvalidInputException("model " + file + ": " + problem);
    }

    private static String text(double t, Tolerance tolerance) {
        return t == TOLERANCE ? "1e-4" : String.format("%.3g", t) + (tolerance.why() == null ? ""
                : ", " + tolerance.why());
    }

    private static String uncapitalised(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
