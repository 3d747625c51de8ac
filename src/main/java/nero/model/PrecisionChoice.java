package nero.model;

import java.nio.file.Path;
import nero.core.InvalidInputException;
import nero.core.Precision;

/**
 * The precision a model runs in: the one asked for (null: the model's own), checked against what the model file
 * is and what this CPU can do. An int8-quantised file runs in int8 only and a float file never does; bf16 is
 * libtorch's (ONNX Runtime has no bfloat16 kernels for the CPU) and pays only with bfloat16 instructions, so
 * elsewhere the model runs in float32 and one line on stderr says so.
 */
final class PrecisionChoice {
    static final String INT8_HOW = "write one with " + ModelSidecar.EXPORT_TOOL + " --int8 CALIBRATION_DIR (an int8 "
            + "TorchScript file), or quantise an ONNX model with ONNX Runtime's quantize_static and convert it with "
            + OnnxClassifier.CONVERT_TOOL;

    private PrecisionChoice() {
    }

    static Precision resolve(Path file, ModelFormat format, boolean quantised, Precision requested) {
        if (quantised) {
            if (requested == null || requested == Precision.INT8) {
                return Precision.INT8;
            }
            throw new InvalidInputException("model " + file + " is int8-quantised and runs only in int8, not "
                    + requested.key() + ": choose precision int8 (the default for an int8 model), or give its float "
                    + "original for " + requested.key());
        }
        if (requested == null || requested == Precision.FP32) {
            return Precision.FP32;
        }
        if (requested == Precision.INT8) {
            throw new InvalidInputException("model " + file + " is a float model; precision int8 runs an "
                    + "int8-quantised model: " + INT8_HOW + ", and give that file as the model");
        }
        if (format == ModelFormat.ONNX) {
            throw new InvalidInputException("model " + file + ": precision bf16 runs TorchScript models (libtorch's "
                    + "bfloat16 kernels); ONNX Runtime has none for the CPU. Use fp32 (ONNX Runtime's float32 is "
                    + "fast) or an int8 model, or export the model as TorchScript for bf16");
        }
        if (!CpuFeatures.bf16()) {
            System.err.println("nero: this CPU has no bfloat16 instructions (" + CpuFeatures.bf16Flags() + "): model "
                    + file.getFileName() + " runs in fp32 instead of bf16 (emulated bf16 would be slower than fp32)");
            return Precision.FP32;
        }
        return Precision.BF16;
    }
}
