package nero.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import nero.core.InvalidInputException;
import nero.core.Preprocessing;

/**
 * The float type a TorchScript file stores its tensors in. NERO runs float32: a module saved in float64, float16 or
 * bfloat16 is converted in place when loaded (libtorch's {@code Module::to(kFloat)}, as {@code model.float()}), or
 * refused naming its type where that is not possible.
 *
 * <p>The type is read from the archive's {@code data.pkl}, which names each tensor's storage class
 * ({@code torch.DoubleStorage}, {@code HalfStorage}, {@code BFloat16Storage}); DJL cannot name bfloat16.
 */
final class StoredFloatType {
    private static final List<String[]> OTHER_TYPES = List.of(
            new String[] {"DoubleStorage", "float64"},
            new String[] {"HalfStorage", "float16"},
            new String[] {"BFloat16Storage", "bfloat16"});

    private StoredFloatType() {
    }

    /**
     * "float64", "float16" or "bfloat16" when the archive holds tensors of that type, else null (float32, or an
     * int8-quantised module, whose float64 scales belong to it: it runs as stored).
     */
    static String otherThanFloat32(Path file) {
        String pickle = dataPickle(file);
        if (pickle == null || isQuantized(pickle)) {
            return null;
        }
        for (String[] type : OTHER_TYPES) {
            if (pickle.contains(type[0])) {
                return type[1];
            }
        }
        return null;
    }

    /**
     * Whether the archive holds an int8-quantised module ({@code torch.ao.quantization}'s convert: its weights are
     * stored as {@code QInt8Storage}, its activations' scales beside them).
     */
    static boolean isQuantized(Path file) {
        String pickle = dataPickle(file);
        return pickle != null && isQuantized(pickle);
    }

    private static boolean isQuantized(String pickle) {
        return pickle.contains("QInt8Storage") || pickle.contains("QUInt8Storage");
    }

    /**
     * The archive's {@code data.pkl} and {@code constants.pkl} (where a frozen module keeps its weights) as
     * ISO-8859-1 text, or null when it cannot be read.
     */
    private static String dataPickle(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            StringBuilder pickles = new StringBuilder();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                if (name.equals("data.pkl") || name.equals("constants.pkl")) {
                    pickles.append(read(zip, entry));
                }
            }
            return pickles.isEmpty() ? null : pickles.toString();
        } catch (IOException e) {
            return null; // DJL read it; an unreadable pickle here only means no conversion
        }
    }

    private static String read(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Converts a module stored in {@code type} to float32 in place and checks that it still runs on one probe
     * image; refuses naming the type otherwise. {@code Module::to} converts every buffer, so a model that indexes
     * with an integer buffer cannot be converted this way.
     */
    static void convertToFloat32(PtSymbolBlock block, NDManager manager, Path file, String type, Preprocessing p) {
        boolean converted;
        try {
            converted = LibtorchNative.moduleToFloat32(block.getHandle());
        } catch (LinkageError e) {
            converted = false;
        }
        if (!converted) {
            throw refuse(file, type, "libtorch's Module::to cannot be called on this platform to convert it");
        }
        InputBatch x = HeadMath.probeInput(1, p.height(), p.width());
        try (NDManager scope = manager.newSubManager();
                IValue input = IValue.from((PtNDArray) scope.create(x.values(), new Shape(x.shape())));
                IValue output = IValueUtils.runMethod(block, "forward", input)) {
            // runs, or throws below
        } catch (RuntimeException e) {
            throw refuse(file, type, "converted to float32 it fails on a probe input (" + TorchScriptFile.lastLine(e)
                    + ")");
        }
    }

    private static InvalidInputException refuse(Path file, String type, String why) {
        return new InvalidInputException("model " + file + " stores its weights in " + type + "; NERO runs models in "
                + "float32, and " + why + ". Save it in float32 (model.float() before torch.jit.script(model).save(...))"
                + " or re-export it with " + ModelSidecar.EXPORT_TOOL + ".");
    }
}
