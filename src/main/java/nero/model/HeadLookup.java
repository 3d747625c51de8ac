package nero.model;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import nero.core.InvalidInputException;

/**
 * Finds the final linear layer among a model's named parameters (TorchScript parameters, ONNX initializers): the
 * last 2-D {@code <prefix>[.…].weight} under {@code fc}, {@code head} or {@code classifier}, or under the prefix
 * the sidecar's {@code "head"} names, and the {@code bias} beside it (zeros when there is none).
 */
final class HeadLookup {
    static final List<String> HEAD_NAMES = List.of("fc", "head", "classifier");

    /** One named parameter: its shape and, read only when needed, its values as float32 (row-major). */
    record Parameter(String name, long[] shape, Supplier<float[]> values) {
    }

    /** The weight as stored (rows × columns; TorchScript's Linear stores classes × features) and the bias. */
    record Found(String weightName, float[][] weight, float[] bias) {
    }

    private HeadLookup() {
    }

    /**
     * @param noun what a parameter is called in this format ("parameter", "initializer"), for the refusal
     * @param fix  how to fix a model without one, for the refusal
     */
    static Found find(List<Parameter> parameters, String declared, Path file, String noun, String fix) {
        List<String> prefixes = declared != null ? List.of(declared) : HEAD_NAMES;
        for (String prefix : prefixes) {
            Pattern weightName = Pattern.compile(Pattern.quote(prefix) + "(\\.[A-Za-z0-9_]+)*\\.weight");
            Parameter weight = null;
            for (Parameter p : parameters) {
                if (weightName.matcher(p.name()).matches() && p.shape().length == 2) {
                    weight = p; // keep the last: in a Sequential head the final Linear comes last
                }
            }
            if (weight != null) {
                return found(weight, parameters);
            }
        }
        List<String> names = parameters.stream().map(Parameter::name).toList();
        String looked = declared != null ? "`" + declared + ".weight` (named by the sidecar's \"head\")"
                : "`fc.weight`, `head.weight` or `classifier.weight`";
        throw new InvalidInputException("model " + file + " has no final linear layer " + noun + " " + looked
                + "; its " + noun + "s end with " + names.subList(Math.max(0, names.size() - 4), names.size())
                + ". Put the layer's name in the sidecar's \"head\" field, or " + fix);
    }

    private static Found found(Parameter weight, List<Parameter> parameters) {
        int rows = (int) weight.shape()[0];
        int columns = (int) weight.shape()[1];
        float[][] matrix = HeadMath.rows(weight.values().get(), rows, columns);
        String biasName = weight.name().substring(0, weight.name().length() - "weight".length()) + "bias";
        float[] bias = null;
        for (Parameter p : parameters) {
            if (p.name().equals(biasName)) {
                bias = p.values().get();
            }
        }
        return new Found(weight.name(), matrix, bias);
    }
}
