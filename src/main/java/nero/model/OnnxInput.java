package nero.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import nero.core.InvalidInputException;
import nero.core.Preprocessing;

/**
 * The one input of an ONNX classifier: an image batch N×3×H×W of float32 (or float64, float16, bfloat16, converted
 * from NERO's float32 here). A fixed batch size is honoured by running batches in chunks of it; a fixed H×W must be
 * the one the images are resized to (taken from the model when no sidecar names a size).
 */
record OnnxInput(String name, OnnxJavaType type, int fixedBatch, int height, int width) {

    /** The session's input, checked; {@code sidecar} gives the size where the model leaves it open. */
    static OnnxInput of(OrtSession session, Path file, ModelSidecar sidecar) {
        Map<String, NodeInfo> inputs;
        try {
            inputs = session.getInputInfo();
        } catch (OrtException e) {
            throw new InvalidInputException("cannot read the inputs of ONNX model " + file + ": " + e.getMessage(), e);
        }
        if (inputs.size() != 1 || !(inputs.values().iterator().next().getInfo() instanceof TensorInfo)) {
            throw notAnImageClassifier(file, "it takes " + inputs.size() + " inputs " + inputs.keySet()
                    + ", NERO gives one batch of images");
        }
        NodeInfo node = inputs.values().iterator().next();
        TensorInfo info = (TensorInfo) node.getInfo();
        long[] shape = info.getShape();
        if (shape.length != 4) {
            throw notAnImageClassifier(file, "its input `" + node.getName() + "` has shape " + text(shape)
                    + ", NERO gives images as N×3×H×W");
        }
        if (shape[1] != 3 && shape[1] > 0) {
            if (shape[3] == 3) {
                throw new InvalidInputException("model " + file + " takes its input `" + node.getName() + "` as "
                        + text(shape) + " (N×H×W×C, channels last), NERO gives N×3×H×W (channels first). Export it "
                        + "channels first (PyTorch's layout), or add a Transpose in front of the graph.");
            }
            throw ContractCheck.wrongChannels(file, (int) shape[1], null);
        }
        OnnxJavaType type = info.type;
        if (type != OnnxJavaType.FLOAT && type != OnnxJavaType.DOUBLE && type != OnnxJavaType.FLOAT16
                && type != OnnxJavaType.BFLOAT16) {
            throw new InvalidInputException("model " + file + " takes " + type + " input; NERO gives images as float"
                    + " (float32, or float64/float16/bfloat16 converted). Export the model with a float input.");
        }
        Preprocessing p = sidecar.preprocessing;
        int height = p.height();
        int width = p.width();
        if ((shape[2] <= 0 || shape[3] <= 0) && "the defaults".equals(sidecar.inputSizeSource)) {
            throw new InvalidInputException("model " + file + " leaves its input size open (input `" + node.getName()
                    + "` is " + text(shape) + ", dynamic axes) and no sidecar names one; NERO does not guess the "
                    + "size a model was trained at. Write \"input_size\" into " + ModelSidecar.pathFor(file)
                    .getFileName() + " (" + OnnxClassifier.CONVERT_TOOL + " --input-size N does), or export the "
                    + "model with a fixed height and width.");
        }
        if (shape[2] > 0 && shape[3] > 0 && (shape[2] != height || shape[3] != width)) {
            if (!"the defaults".equals(sidecar.inputSizeSource)) {
                throw new InvalidInputException("model " + file + " takes " + shape[2] + "×" + shape[3] + " images "
                        + "(height×width, fixed in the graph) but " + sidecar.inputSizeSource + " says " + height + "×"
                        + width + ". Set \"input_size\" to [" + shape[2] + ", " + shape[3] + "] in "
                        + ModelSidecar.pathFor(file).getFileName() + ", or export the model for " + height + "×"
                        + width + " images.");
            }
            height = (int) shape[2];
            width = (int) shape[3];
        }
        return new OnnxInput(node.getName(), type, shape[0] > 0 ? (int) shape[0] : 0, height, width);
    }

    private static InvalidInputException notAnImageClassifier(Path file, String why) {
        return new InvalidInputException("model " + file + " is not an image classifier NERO can run: " + why + ".");
    }

    private static String text(long[] shape) {
        return Arrays.toString(shape).replace("-1", "?");
    }

    /** The preprocessing of {@code p} at this input's size (the model's own when the sidecar gave none). */
    Preprocessing sized(Preprocessing p) {
        return p.height() == height && p.width() == width ? p
                : new Preprocessing(width, height, p.mean(), p.std());
    }

    /** The batch as a tensor of this input's element type. The caller closes it. */
    OnnxTensor tensor(OrtEnvironment env, InputBatch batch) throws OrtException {
        FloatBuffer values = FloatBuffer.wrap(batch.values());
        long[] shape = batch.shape();
        return switch (type) {
            case DOUBLE -> {
                double[] d = new double[batch.values().length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = batch.values()[i];
                }
                yield OnnxTensor.createTensor(env, DoubleBuffer.wrap(d), shape);
            }
            case FLOAT16 -> OnnxTensor.createTensor(env, Fp16Conversions.convertFloatBufferToFp16Buffer(values), shape,
                    OnnxJavaType.FLOAT16);
            case BFLOAT16 -> OnnxTensor.createTensor(env, Fp16Conversions.convertFloatBufferToBf16Buffer(values),
                    shape, OnnxJavaType.BFLOAT16);
            default -> OnnxTensor.createTensor(env, values, shape);
        };
    }
}
