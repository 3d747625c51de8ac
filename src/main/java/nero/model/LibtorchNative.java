package nero.model;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.Map;

/**
 * libtorch C++ functions that DJL's JNI does not expose, called through JNA on the very library DJL loaded (opened
 * with {@code RTLD_NOLOAD}, so a second copy can never be loaded). Each call is best-effort: {@code false} when the
 * library or the symbol is not there (another platform or libtorch version), and the caller decides what then.
 *
 * <p>Symbol names are the Itanium C++ ABI ones (Linux, macOS), verified against the bundled libtorch 2.7.1; the
 * MSVC names for Windows are written from the mangling rules and untested.
 */
final class LibtorchNative {
    private static final String[] GLOBAL_CONTEXT = {
        "_ZN2at13globalContextEv", "?globalContext@at@@YAAEAVContext@1@XZ"};
    private static final String[] SET_USER_ENABLED_NNPACK = {
        "_ZN2at7Context20setUserEnabledNNPACKEb", "?setUserEnabledNNPACK@Context@at@@QEAAX_N@Z"};
    private static final String[] MODULE_TO_SCALAR_TYPE = {
        "_ZN5torch3jit6Module2toEN3c1010ScalarTypeEb", "?to@Module@jit@torch@@QEAAXW4ScalarType@c10@@_N@Z"};
    /** {@code c10::ScalarType::Float}. */
    private static final byte SCALAR_TYPE_FLOAT = 6;
    /** {@code c10::ScalarType::Double}. */
    private static final byte SCALAR_TYPE_DOUBLE = 7;

    private static NativeLibrary torchCpu;

    private LibtorchNative() {
    }

    /**
     * {@code at::globalContext().setUserEnabledNNPACK(false)}, as {@code torch.backends.nnpack.enabled = False}.
     * Convolutions check this flag before probing NNPACK, so CPUs (or VMs hiding their cache sizes) where NNPACK
     * cannot start no longer print "Could not initialize NNPACK! Reason: Unsupported hardware". Changes no result:
     * NNPACK only runs float32 forward convolutions of 16+ images that oneDNN does not take, and oneDNN takes all
     * of those.
     */
    static synchronized boolean disableNnpack() {
        Function context = function(GLOBAL_CONTEXT);
        Function setNnpack = function(SET_USER_ENABLED_NNPACK);
        if (context == null || setNnpack == null) {
            return false;
        }
        Pointer globalContext = context.invokePointer(new Object[0]);
        setNnpack.invokeVoid(new Object[] {globalContext, Boolean.FALSE});
        return true;
    }

    /**
     * {@code module.to(torch::kDouble)} on a {@code torch::jit::Module*} (a DJL module handle): parameters and
     * buffers become float64 in place. Must not run while another thread uses the module.
     */
    static boolean moduleToFloat64(long moduleHandle) {
        return moduleTo(moduleHandle, SCALAR_TYPE_DOUBLE);
    }

    /** As {@link #moduleToFloat64}, to float32: for models saved in float64, float16 or bfloat16. */
    static boolean moduleToFloat32(long moduleHandle) {
        return moduleTo(moduleHandle, SCALAR_TYPE_FLOAT);
    }

    private static synchronized boolean moduleTo(long moduleHandle, byte scalarType) {
        Function to = function(MODULE_TO_SCALAR_TYPE);
        if (to == null) {
            return false;
        }
        to.invokeVoid(new Object[] {new Pointer(moduleHandle), scalarType, Boolean.FALSE});
        return true;
    }

    private static Function function(String[] names) {
        NativeLibrary library = torchCpu();
        if (library == null) {
            return null;
        }
        for (String name : names) {
            try {
                return library.getFunction(name);
            } catch (UnsatisfiedLinkError e) {
                // not this platform's mangling: try the next name
            }
        }
        return null;
    }

    private static NativeLibrary torchCpu() {
        if (torchCpu == null) {
            try {
                Path file = Path.of(ai.djl.pytorch.jni.LibUtils.getLibtorchPath(), System.mapLibraryName("torch_cpu"));
                torchCpu = NativeLibrary.getInstance(file.toString(),
                        Map.of(Library.OPTION_OPEN_FLAGS, alreadyLoadedOnly()));
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return null;
            }
        }
        return torchCpu;
    }

    /** dlopen flags RTLD_LAZY | RTLD_NOLOAD: a handle to the loaded copy, or failure, never a new load. */
    private static int alreadyLoadedOnly() {
        int lazy = 0x1;
        return Platform.isMac() ? lazy | 0x10 : lazy | 0x4;
    }
}
