package nero.app;

import java.util.List;
import nero.core.InvalidInputException;
import nero.core.methods.OodMethods;
import nero.model.Classifier;

/**
 * Methods that need input gradients (ODIN) against a model whose engine may not give them (ONNX Runtime): asked for
 * by name, they are refused with the reason; within "all", they are left out with one line on stderr.
 */
final class GradientMethods {
    private GradientMethods() {
    }

    /** {@code methods} as this model can compute them (see the class comment). */
    static List<String> supported(List<String> methods, Classifier classifier) {
        if (classifier.inputGradients().isPresent()) {
            return methods;
        }
        List<String> needing = methods.stream()
                .filter(k -> OodMethods.entry(k).needs() == OodMethods.Needs.INPUT_GRADIENTS).toList();
        if (needing.isEmpty()) {
            return methods;
        }
        String why = "model " + classifier.info().file().getFileName() + " gives no input gradients ("
                + classifier.noInputGradientsReason() + ")";
        if (methods.containsAll(OodMethods.besidesNero(List.of(OodMethods.ALL)))) {
            System.err.println("nero: " + String.join(", ", needing) + " left out of all methods: " + why);
            return methods.stream().filter(k -> !needing.contains(k)).toList();
        }
        throw new InvalidInputException("method " + String.join(", ", needing) + " needs input gradients, but " + why
                + ". Leave it out of the methods.");
    }
}
