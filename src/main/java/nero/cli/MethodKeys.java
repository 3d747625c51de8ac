package nero.cli;

import java.util.Iterator;
import nero.core.methods.OodMethods;

/** The method keys from the registry, for the help text (picocli's completion candidates). */
final class MethodKeys implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return OodMethods.keys().iterator();
    }
}
