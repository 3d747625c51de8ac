package nero.core.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nero.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The one method registry and the one parser of what users type. */
class OodMethodsTest {
    @Test
    void registryKnowsEveryKeyWithTitlePaperAndNeeds() {
        assertEquals(List.of("nero", "msp", "odin", "energy", "entropy", "maxlogit", "mahalanobis", "vim", "neco",
                "react", "gradnorm", "knn"), OodMethods.keys());
        for (OodMethods.Entry e : OodMethods.entries()) {
            assertFalse(e.title().isBlank(), e.key());
            assertFalse(e.paper().isBlank(), e.key());
            assertNotNull(e.create(OodMethods.Settings.of(ModelFamily.RESNET18)), e.key());
            assertEquals(e.key().equals("odin"), e.needs() == OodMethods.Needs.INPUT_GRADIENTS, e.key());
        }
        assertEquals(List.of("nero", "mahalanobis", "vim", "neco", "knn"),
                OodMethods.entries().stream().filter(e -> e.needs().training()).map(OodMethods.Entry::key).toList());
        assertThrows(InvalidInputException.class, () -> OodMethods.create("bar", ModelFamily.VIT));
    }

    @Test
    void userTextIsTrimmedLowercasedAndDeduplicated() {
        assertEquals(List.of("msp", "vim"), OodMethods.parse(" MSP, vim,msp "));
        assertEquals(List.of("msp", "energy"), OodMethods.parse("msp;energy msp"));
        assertEquals(List.of(), OodMethods.parse(""));
        assertEquals(List.of(), OodMethods.parse(null));
    }

    @Test
    void allIsEveryMethodWhereverItStands() {
        assertEquals(OodMethods.keys(), OodMethods.parse("all"));
        assertEquals(OodMethods.keys(), OodMethods.parse("msp,ALL"));
    }

    @Test
    void unknownMethodIsOneClearErrorNamingTheKnownOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OodMethods.parse("msp,bogus"));
        assertTrue(e.getMessage().contains("unknown method 'bogus'") && e.getMessage().contains("knn")
                && e.getMessage().contains("or all"), e.getMessage());
    }

    @Test
    void neroIsComputedAnywaySoExtrasLeaveItOutAndEvaluationPutsItFirst() {
        assertEquals(List.of("knn"), OodMethods.besidesNero(List.of("nero", "knn")));
        assertEquals(OodMethods.keys().size() - 1, OodMethods.besidesNero(List.of("all")).size());
        assertEquals(List.of(), OodMethods.besidesNero(null));
        assertEquals(List.of("nero", "vim"), OodMethods.withNeroFirst(List.of("vim", "nero")));
        assertEquals(List.of("nero"), OodMethods.withNeroFirst(List.of()));
    }

    @Test
    void whatAMethodNeedsIsAskedOfTheRegistry() {
        assertTrue(OodMethods.anyNeeds(List.of("msp", "odin"), OodMethods.Needs.INPUT_GRADIENTS));
        assertFalse(OodMethods.anyNeeds(List.of("nero", "msp"), OodMethods.Needs.INPUT_GRADIENTS));
    }
}
