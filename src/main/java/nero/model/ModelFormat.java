package nero.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nero.core.InvalidInputException;

/** The model file formats NERO runs, told apart by their content (a file's name may lie). */
enum ModelFormat {
    /** A TorchScript archive ({@code torch.jit.save}: a zip file), run by DJL's PyTorch engine. */
    TORCHSCRIPT,
    /** An ONNX graph (protobuf), run by ONNX Runtime. */
    ONNX;

    /** The format of an existing model file, or a refusal naming the file and what it is not. */
    static ModelFormat of(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("model file " + file + " does not exist or is not a file");
        }
        byte[] magic = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(magic, 0, 4);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        if (read == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            return TORCHSCRIPT;
        }
        // a serialised ModelProto starts with its ir_version field (field 1, varint: byte 0x08)
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx")
                || (read > 0 && magic[0] == 0x08)) {
            return ONNX;
        }
        throw TorchScriptFile.notTorchScript(file, "it is not a zip archive");
    }
}
