package nero.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nero.core.InvalidInputException;

/** Maps the class folders of an ImageFolder tree onto the model's classes, by name. */
final class ClassNames {
    private ClassNames() {
    }

    /**
     * For each folder (sorted, as ImageFolder), the model's class index with the same name. A model without class
     * names in its sidecar (class0, class1, …) takes the folders in order.
     */
    static int[] folderToModel(List<String> folders, List<String> modelClasses, Path dir) {
        int[] map = new int[folders.size()];
        boolean generic = generic(modelClasses);
        for (int i = 0; i < folders.size(); i++) {
            int j = generic ? (i < modelClasses.size() ? i : -1) : modelClasses.indexOf(folders.get(i));
            if (j < 0) {
                throw new InvalidInputException("class folder '" + folders.get(i) + "' in " + dir
                        + " is not one of the model's classes " + abbreviate(modelClasses)
                        + "; name the class folders after the model's classes (its sidecar's class_names)");
            }
            map[i] = j;
        }
        return map;
    }

    /**
     * The class names a detector keeps: the model's, except that a model without names (class0, class1, …) takes
     * the training set's class folder names for the classes they map to, so that results and explanations say
     * "polyp", not "class2".
     */
    static List<String> forDetector(List<String> modelClasses, List<String> trainFolders) {
        if (!generic(modelClasses)) {
            return modelClasses;
        }
        List<String> names = new ArrayList<>(modelClasses);
        for (int i = 0; i < trainFolders.size() && i < names.size(); i++) {
            if (!names.contains(trainFolders.get(i))) {
                names.set(i, trainFolders.get(i));
            }
        }
        return names;
    }

    /** True for models without class names in a sidecar (class0, class1, …). */
    static boolean generic(List<String> modelClasses) {
        return modelClasses.stream().allMatch(n -> n.matches("class\\d+"));
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 12 ? names.toString()
                : names.subList(0, 12).toString().replace("]", ", … (" + names.size() + " classes)]");
    }
}
