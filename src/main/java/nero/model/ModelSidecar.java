package nero.model;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.core.InvalidInputException;
import nero.core.Preprocessing;
import nero.core.methods.ModelFamily;

/**
 * The {@code <model>.json} file next to {@code <model>.pt} (format "nero-model", version 1), written by
 * tools/export_for_nero.py. Without one, the defaults are 224×224, ImageNet mean/std and class names class0….
 */
final class ModelSidecar {
    static final String FORMAT = "nero-model";
    static final int VERSION = 1;
    static final String EXPORT_TOOL = "tools/export_for_nero.py";
    static final String EXPORT_HINT = "re-export the model with " + EXPORT_TOOL;

    /** Raw JSON shape; every field is optional in the file and checked in {@link #read}. */
    static final class Json {
        String format;
        Integer version;
        String architecture;
        String family;
        @SerializedName("class_names") List<String> classNames;
        @SerializedName("input_size") int[] inputSize;
        float[] mean;
        float[] std;
        String head;
        @SerializedName("feature_dim") Integer featureDim;
        @SerializedName("has_feature_map") Boolean hasFeatureMap;
    }

    final List<String> classNames;   // empty = not given: class0… from the model's class count
    final Preprocessing preprocessing;
    final ModelFamily family;
    final String head;               // null = search fc, head, classifier
    final Integer featureDim;        // null = not declared
    final Boolean hasFeatureMap;     // null = not declared
    /** Where the input size came from, for messages: "its sidecar", "the defaults" or "the detector file". */
    final String inputSizeSource;

    private ModelSidecar(List<String> classNames, Preprocessing preprocessing, ModelFamily family, String head,
            Integer featureDim, Boolean hasFeatureMap, String inputSizeSource) {
        this.inputSizeSource = inputSizeSource;
        this.classNames = classNames;
        this.preprocessing = preprocessing;
        this.family = family;
        this.head = head;
        this.featureDim = featureDim;
        this.hasFeatureMap = hasFeatureMap;
    }

    /** The same sidecar with another preprocessing (the one a detector was fitted with). */
    ModelSidecar withPreprocessing(Preprocessing p) {
        return withPreprocessing(p, "the detector file");
    }

    /** The same sidecar with another preprocessing, whose input size came from {@code source}. */
    ModelSidecar withPreprocessing(Preprocessing p, String source) {
        return new ModelSidecar(classNames, p, family, head, featureDim, hasFeatureMap, source);
    }

    static Path pathFor(Path modelFile) {
        String name = modelFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return modelFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    static ModelSidecar defaults() {
        return new ModelSidecar(List.of(), Preprocessing.imagenet(224), ModelFamily.OTHER_CNN, null, null, null,
                "the defaults");
    }

    /** The sidecar of {@code modelFile}, or the defaults when there is none. */
    static ModelSidecar forModel(Path modelFile) {
        Path file = pathFor(modelFile);
        return Files.exists(file) ? read(file) : defaults();
    }

    static ModelSidecar read(Path file) {
        Json json;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            json = new Gson().fromJson(reader, Json.class);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read model sidecar " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException | IllegalStateException e) {
            throw bad(file, "it is not valid JSON of the expected shape (" + e.getMessage() + ")");
        }
        if (json == null) {
            throw bad(file, "it is empty");
        }
        if (!FORMAT.equals(json.format)) {
            throw bad(file, "\"format\" is " + quote(json.format) + ", expected \"" + FORMAT + "\"");
        }
        if (json.version == null || json.version != VERSION) {
            throw bad(file, "\"version\" is " + json.version + ", this plugin reads version " + VERSION);
        }
        List<String> names = json.classNames == null ? List.of() : new ArrayList<>(json.classNames);
        if (json.classNames != null && (names.isEmpty() || names.stream().anyMatch(n -> n == null || n.isBlank()))) {
            throw bad(file, "\"class_names\" must be a non-empty list of non-empty names");
        }
        if (names.stream().distinct().count() != names.size()) {
            throw bad(file, "\"class_names\" has duplicates");
        }
        int height = 224;
        int width = 224;
        if (json.inputSize != null) {
            if (json.inputSize.length != 2 || json.inputSize[0] <= 0 || json.inputSize[1] <= 0) {
                throw bad(file, "\"input_size\" must be [height, width] with positive values");
            }
            height = json.inputSize[0];
            width = json.inputSize[1];
        }
        float[] mean = json.mean == null ? Preprocessing.IMAGENET_MEAN.clone() : json.mean;
        float[] std = json.std == null ? Preprocessing.IMAGENET_STD.clone() : json.std;
        Preprocessing preprocessing;
        try {
            preprocessing = new Preprocessing(width, height, mean, std);
        } catch (InvalidInputException e) {
            throw bad(file, e.getMessage());
        }
        ModelFamily family;
        try {
            family = json.family == null ? ModelFamily.OTHER_CNN : ModelFamily.valueOf(json.family);
        } catch (IllegalArgumentException e) {
            throw bad(file, "\"family\" is " + quote(json.family) + ", expected RESNET18, OTHER_CNN or VIT");
        }
        if (json.featureDim != null && json.featureDim <= 0) {
            throw bad(file, "\"feature_dim\" must be positive");
        }
        String head = json.head == null || json.head.isBlank() ? null : json.head;
        return new ModelSidecar(List.copyOf(names), preprocessing, family, head, json.featureDim, json.hasFeatureMap,
                json.inputSize != null ? "its sidecar" : "the defaults");
    }

    private static String quote(String s) {
        return s == null ? "missing" : "\"" + s + "\"";
    }

    private static InvalidInputException bad(Path file, String problem) {
        return new InvalidInputException("model sidecar " + file + " is not usable: " + problem + "; "
                + EXPORT_HINT + " or delete the sidecar to use the defaults");
    }
}
