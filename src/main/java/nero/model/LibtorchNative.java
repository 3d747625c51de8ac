package nero.model;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
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
    /** {@code c10::ScalarType::BFloat16}. */
    private static final byte SCALAR_TYPE_BFLOAT16 = 15;

    private static final String[] SET_AUTOCAST_ENABLED = {
        "_ZN2at8autocast20set_autocast_enabledEN3c1010DeviceTypeEb",
        "?set_autocast_enabled@autocast@at@@YAXW4DeviceType@c10@@_N@Z"};
    private static final String[] SET_AUTOCAST_DTYPE = {
        "_ZN2at8autocast18set_autocast_dtypeEN3c1010DeviceTypeENS1_10ScalarTypeE",
        "?set_autocast_dtype@autocast@at@@YAXW4DeviceType@c10@@W4ScalarType@3@@Z"};
    private static final String[] SET_QENGINE = {
        "_ZN2at7Context10setQEngineEN3c107QEngineE", "?setQEngine@Context@at@@QEAAXW4QEngine@c10@@@Z"};
    private static final String[] SUPPORTED_QENGINES = {
        "_ZN2at7Context17supportedQEnginesEv", "?supportedQEngines@Context@at@@QEAAAEBV?$vector@W4QEngine@c10@@V?$allocator@W4QEngine@c10@@@std@@@std@@XZ"};
    private static final String[] QENGINE = {"_ZNK2at7Context7qEngineEv", "?qEngine@Context@at@@QEBA?AW4QEngine@c10@@XZ"};
    /** {@code c10::QEngine::ONEDNN}. */
    static final int QENGINE_ONEDNN = 3;
    /** {@code c10::DeviceType::CPU}. */
    private static final byte DEVICE_CPU = 0;

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

    /** As {@link #moduleToFloat64}, to bfloat16: the bf16 fast path's copy of a float32 module. */
    static boolean moduleToBFloat16(long moduleHandle) {
        return moduleTo(moduleHandle, SCALAR_TYPE_BFLOAT16);
    }

    /**
     * Turns CPU autocast to bfloat16 on or off for the calling thread ({@code torch.autocast("cpu",
     * dtype=torch.bfloat16)}: autocast state is thread-local). False when the symbols are missing.
     */
    static boolean cpuAutocastBFloat16(boolean enabled) {
        Function setEnabled = function(SET_AUTOCAST_ENABLED);
        Function setDtype = function(SET_AUTOCAST_DTYPE);
        if (setEnabled == null || setDtype == null) {
            return false;
        }
        if (enabled) {
            setDtype.invokeVoid(new Object[] {(int) DEVICE_CPU, (int) SCALAR_TYPE_BFLOAT16});
        }
        // enum and bool arguments as int: JNA's Byte/Boolean did not reach these two (is_autocast_enabled stayed 0)
        setEnabled.invokeVoid(new Object[] {(int) DEVICE_CPU, enabled ? 1 : 0});
        return true;
    }

    /**
     * {@code at::globalContext().setQEngine(QEngine::ONEDNN)}, as {@code torch.backends.quantized.engine =
     * "onednn"}: the int8 kernels a quantised module is packed for when it is loaded. libtorch's default on x86
     * ("x86") packs some convolutions for FBGEMM, whose kernels multiply 8-bit activations in 16-bit sums that
     * saturate unless the activations were quantised to 7 bits; modules quantised with oneDNN's full 8-bit range
     * (tools/export_for_nero.py --int8) then give wrong features (measured: MobileNetV2's cosine to float 0.23 instead
     * of 0.94). oneDNN computes them as torch's oneDNN backend does. Process-wide; false when this libtorch has no
     * oneDNN int8 engine or the symbols are missing (then nothing is changed).
     */
    static synchronized boolean useOnednnForInt8() {
        Function context = function(GLOBAL_CONTEXT);
        Function supported = function(SUPPORTED_QENGINES);
        Function set = function(SET_QENGINE);
        if (context == null || supported == null || set == null) {
            return false;
        }
        Pointer globalContext = context.invokePointer(new Object[0]);
        // a const std::vector<c10::QEngine>&: begin and end pointers of one byte per engine
        Pointer vector = supported.invokePointer(new Object[] {globalContext});
        long begin = Pointer.nativeValue(vector.getPointer(0));
        long end = Pointer.nativeValue(vector.getPointer(Native.POINTER_SIZE));
        boolean hasOnednn = false;
        for (long p = begin; p < end; p++) {
            hasOnednn |= new Pointer(p).getByte(0) == QENGINE_ONEDNN;
        }
        if (!hasOnednn) {
            return false;
        }
        set.invokeVoid(new Object[] {globalContext, QENGINE_ONEDNN});
        return true;
    }

    /** {@code at::globalContext().qEngine()} as its c10::QEngine number, or −1 when it cannot be asked. */
    static synchronized int quantizedEngine() {
        Function context = function(GLOBAL_CONTEXT);
        Function engine = function(QENGINE);
        if (context == null || engine == null) {
            return -1;
        }
        return engine.invokeInt(new Object[] {context.invokePointer(new Object[0])}) & 0xff;
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
