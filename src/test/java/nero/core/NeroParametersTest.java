package nero.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Too few training images for the PCA is refused with the exact number of components that would work. */
class NeroParametersTest {
    @Test
    void tooFewImagesForTheAuthorsComponentsNamesTheValueThatWorks() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> NeroParameters.defaults().validateFor(256, 15));
        assertEquals("PCA components = 170 (the authors' floor(2D/3) for D = 256) needs at least 171 training images,"
                + " got 15: add training images, or set components to 14 (--components 14 on the command line), the"
                + " most 15 images allow", e.getMessage());
        // and that value is accepted
        new NeroParameters(NeroParameters.AUTHORS_K, 14, Distance.L1, RelevanceRule.authors()).validateFor(256, 15);
    }

    @Test
    void anExplicitValueTooLargeIsNamedAsGiven() {
        NeroParameters p = new NeroParameters(5, 15, Distance.L1, RelevanceRule.authors());
        assertEquals("PCA components = 15 needs at least 16 training images, got 15: add training images, or set"
                + " components to 14 (--components 14 on the command line), the most 15 images allow",
                assertThrows(InvalidInputException.class, () -> p.validateFor(256, 15)).getMessage());
        assertEquals("PCA components = 15 needs at least 16 training images, got 1: add training images",
                assertThrows(InvalidInputException.class, () -> p.validateFor(256, 1)).getMessage());
    }

    @Test
    void theAuthorsKAboveDIsNamedAsTheDefault() {
        assertEquals("k = 175 (the authors' default) is larger than the feature dimension D = 128; choose k between 1"
                + " and 128 (--k on the command line)", assertThrows(InvalidInputException.class,
                        () -> NeroParameters.defaults().validateFor(128, 1000)).getMessage());
        assertThrows(InvalidInputException.class, () -> new NeroParameters(0, -1, Distance.L1, RelevanceRule.authors()));
    }
}
