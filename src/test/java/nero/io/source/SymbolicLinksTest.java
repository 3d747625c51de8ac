package nero.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import nero.core.InvalidInputException;
import nero.io.ImageSource;
import nero.io.SourceItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data sets linked into a folder are read through their links, as the user sees them; loops end. */
class SymbolicLinksTest {
    @TempDir
    Path dir;

    private Path image(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        ImageIO.write(new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB), "png", p.toFile());
        return p;
    }

    private static List<String> ids(ImageSource source) {
        List<String> ids = new ArrayList<>();
        try (source) {
            source.forEach(item -> ids.add(item.id()));
        }
        return ids;
    }

    @Test
    void aClassFolderThatIsALinkIsReadLikeAFolder() throws Exception {
        image(dir.resolve("elsewhere/cecum/a.png"));
        image(dir.resolve("elsewhere/cecum/deeper/b.png"));
        image(dir.resolve("tree/pylorus/c.png"));
        Path tree = dir.resolve("tree");
        Files.createSymbolicLink(tree.resolve("cecum"), dir.resolve("elsewhere/cecum"));
        ImageFolderSource source = ImageSources.imageFolder(tree);
        assertEquals(List.of("cecum", "pylorus"), source.classNames());
        assertEquals(List.of(tree + "/cecum/a.png", tree + "/cecum/deeper/b.png", tree + "/pylorus/c.png"), ids(source));
        assertEquals(List.of("cecum", "cecum", "pylorus"), source.labels());
    }

    @Test
    void linksToFilesAreFollowedAndLoopsEnd() throws Exception {
        Path data = dir.resolve("data");
        image(data.resolve("a.png"));
        Path outside = image(dir.resolve("outside.png"));
        Files.createSymbolicLink(data.resolve("linked.png"), outside);
        Files.createDirectories(data.resolve("sub"));
        Files.createSymbolicLink(data.resolve("sub/up"), data); // a loop: sub/up/sub/up/…
        assertEquals(List.of(data + "/a.png", data + "/linked.png"), ids(ImageSources.open(data)));
    }

    @Test
    void aDanglingLinkWithAnImageNameIsReportedNotDropped() throws Exception {
        Path data = dir.resolve("data");
        image(data.resolve("a.png"));
        Files.createSymbolicLink(data.resolve("gone.png"), dir.resolve("deleted.png"));
        List<SourceItem> items = new ArrayList<>();
        try (ImageSource source = ImageSources.open(data)) {
            source.forEach(items::add);
        }
        assertEquals(2, items.size());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> items.get(1).read());
        assertTrue(e.getMessage().startsWith(data.resolve("gone.png") + ": not a file"), e.getMessage());
    }
}
