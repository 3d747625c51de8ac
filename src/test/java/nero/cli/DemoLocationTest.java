package nero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./nero keeps the user's working directory, so the demo finds sample-data/ in the installation it runs from. */
class DemoLocationTest {
    @TempDir
    Path install;

    @AfterEach
    void clear() {
        System.clearProperty("nero.home");
    }

    @Test
    void aRelativeDataFolderMissingHereIsTakenFromTheInstallation() throws IOException {
        Files.createDirectories(install.resolve("demo-data-for-test"));
        System.setProperty("nero.home", install.toString());
        assertEquals(install.resolve("demo-data-for-test"), DemoCli.locate(Path.of("demo-data-for-test")));
    }

    @Test
    void anExistingOrAbsoluteFolderIsKept() {
        System.setProperty("nero.home", install.toString());
        assertEquals(Path.of("src"), DemoCli.locate(Path.of("src")));
        Path absolute = install.resolve("elsewhere");
        assertEquals(absolute, DemoCli.locate(absolute));
    }
}
