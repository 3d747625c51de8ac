package nero.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nero.core.InvalidInputException;

/** Loading a TorchScript file through DJL's PyTorch engine, and what the loaded module exports. */
final class TorchScriptFile {
    private TorchScriptFile() {
    }

    static InvalidInputException notTorchScript(Path file, String why) {
        return new InvalidInputException("model file " + file + " is not a TorchScript model (" + why + "). Save the "
                + "classifier with torch.jit.script(model).save(...) — " + ModelSidecar.EXPORT_TOOL + " does this and "
                + "adds the methods NERO needs. Checkpoints from torch.save(state_dict) cannot be used directly.");
    }

    /** Weights outside inference mode and frozen, so input gradients work and parameters never do. */
    static ZooModel<NDList, NDList> load(Path file) {
        return Engine.withContextClassLoader(() -> {
            try {
                ZooModel<NDList, NDList> model = Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelPath(file)
                        .optEngine("PyTorch")
                        .optOption("trainParam", "true") // weights outside InferenceMode, so input gradients work
                        .build()
                        .loadModel();
                model.getBlock().freezeParameters(true); // we only differentiate with respect to the input
                return model;
            } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
                throw notTorchScript(file, "PyTorch could not load it: " + firstLine(e));
            }
        });
    }

    static Set<String> methods(PtSymbolBlock block) {
        return Set.of(JniUtils.getMethodNames(block));
    }

    /** The module's parameters, in order, for {@link HeadLookup}. */
    static List<HeadLookup.Parameter> parameters(PtSymbolBlock block) {
        List<HeadLookup.Parameter> parameters = new ArrayList<>();
        for (Pair<String, ai.djl.nn.Parameter> p : block.getDirectParameters()) {
            NDArray array = p.getValue().getArray();
            // as float32 whatever DJL remembers of the type: StoredFloatType may have converted the module since
            parameters.add(new HeadLookup.Parameter(p.getKey(), array.getShape().getShape(),
                    () -> array.toType(DataType.FLOAT32, false).toFloatArray()));
        }
        return parameters;
    }

    static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** TorchScript errors start with a traceback and end with the cause. */
    static String lastLine(Throwable e) {
        String[] lines = String.valueOf(e.getMessage()).strip().split("\\R");
        return lines[lines.length - 1].replaceFirst("^RuntimeError: ", "");
    }
}
