package nero.core;

import java.util.Locale;

/**
 * The number format a model runs in when features are extracted: chosen at fit, recorded in the detector, and
 * used again by every job that scores with it, so fit and score always see the same network.
 *
 * <ul>
 *   <li>{@link #FP32}: float32, the model as exported (the default for a float model);</li>
 *   <li>{@link #BF16}: a float TorchScript model run in bfloat16 (libtorch's CPU autocast: convolutions and matrix
 *       products in bfloat16), on CPUs with bfloat16 instructions;</li>
 *   <li>{@link #INT8}: an int8-quantised model (an int8 ONNX graph, or an int8 TorchScript file from
 *       {@code tools/export_for_nero.py --int8}); the default for such a model, which runs in no other format.</li>
 * </ul>
 * Each fast path is offered because its NERO AUROC stayed within 1 point of float32 on the models measured in
 * docs/results.md ({@code tools/make_fidelity.sh} checks the rule and fails when a path breaks it).
 */
public enum Precision {
    FP32, BF16, INT8;

    /** The word users type: "fp32", "bf16", "int8". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The precision named by {@code key} (case and surrounding blanks ignored); null or blank gives null. */
    public static Precision parse(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        for (Precision p : values()) {
            if (p.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new InvalidInputException("precision must be fp32, bf16 or int8, got '" + key + "'");
    }
}
