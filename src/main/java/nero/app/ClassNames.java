package nero.app;

import java.nio.file.Path;
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

    /** True for models without class names in a sidecar (class0, class1, …). */
    static boolean generic(List<String> modelClasses) {
        return modelClasses.stream().allMatch(n -> n.matches("class\\d+"));
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 12 ? names.toString()
                : names.subList(0, 12).toString().replace("]", ", … (" + names.size() + " classes)]");
    }
}
