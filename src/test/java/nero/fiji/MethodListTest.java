package nero.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class MethodListTest {
    @Test
    void extraMethodsAreTrimmedLowercasedAndDeduplicated() {
        assertEquals(List.of("msp", "energy"), MethodList.extraMethods(" MSP, energy,msp "));
        assertEquals(List.of(), MethodList.extraMethods(""));
        assertEquals(List.of("knn"), MethodList.extraMethods("nero,knn"));
    }

    @Test
    void allExpandsToEveryMethodButNeroForScoring() {
        List<String> all = MethodList.extraMethods("all");
        assertEquals(MethodList.KNOWN.size() - 1, all.size());
        assertTrue(!all.contains("nero") && all.contains("vim"));
    }

    @Test
    void evaluateKeepsAllForTheWorkflowAndDefaultsToNero() {
        assertEquals(List.of("all"), MethodList.evaluatedMethods("msp,all"));
        assertEquals(List.of("nero"), MethodList.evaluatedMethods(null));
        assertEquals(List.of("nero", "vim"), MethodList.evaluatedMethods("nero,vim"));
    }

    @Test
    void unknownMethodIsOneClearError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MethodList.extraMethods("msp,bogus"));
        assertTrue(e.getMessage().contains("unknown method 'bogus'") && e.getMessage().contains("knn"), e.getMessage());
    }
}
