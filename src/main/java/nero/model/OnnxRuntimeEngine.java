package nero.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import nero.core.InvalidInputException;

/**
 * ONNX Runtime, through its own Java API: one environment per JVM (the CPU natives are inside the onnxruntime jar
 * and are unpacked to a temporary folder when it starts: nothing is downloaded), one session per model.
 *
 * <p>Why not DJL's OnnxRuntime engine: its block runs every graph output on every call and hides the session, so
 * the input and output shapes and element types the contract check needs, and the choice of outputs per call
 * (features alone, or with the feature map), are out of reach; it adds nothing NERO uses.
 */
final class OnnxRuntimeEngine {
    private static volatile OrtEnvironment environment;

    private OnnxRuntimeEngine() {
    }

    /** ONNX Runtime's version, for reports. */
    static String version() {
        return environment().getVersion();
    }

    /**
     * Opens {@code file}; as libtorch, with {@link Engine#inferenceThreads()} intra-op threads (the feature
     * pipeline runs {@link Engine#inferenceWorkers()} calls at once) and no inter-op parallelism.
     */
    static OrtSession open(Path file) {
        OrtEnvironment env = environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Engine.inferenceThreads());
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new InvalidInputException("model file " + file + " is not an ONNX model ONNX Runtime can run ("
                    + firstLine(e) + "). Export it with torch.onnx.export, then add NERO's outputs with "
                    + OnnxClassifier.CONVERT_TOOL + ".", e);
        }
    }

    private static OrtEnvironment environment() {
        if (environment == null) {
            synchronized (OnnxRuntimeEngine.class) {
                if (environment == null) {
                    Engine.prepareProcess();
                    try {
                        environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "nero");
                    } catch (RuntimeException | LinkageError e) {
                        throw new InvalidInputException("ONNX Runtime could not start here: " + e.getMessage(), e);
                    }
                }
            }
        }
        return environment;
    }

    static OrtEnvironment env() {
        return environment();
    }

    static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
