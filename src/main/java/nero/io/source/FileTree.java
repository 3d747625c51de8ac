package nero.io.source;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import nero.core.InvalidInputException;

/**
 * The files under a folder, recursively and sorted by path, with symbolic links followed as a user who links a
 * data set into a folder expects: a link to a folder is walked like the folder (under the link's own path, so
 * identifiers keep the name the user sees), a link to a file is that file. A link back to a folder already being
 * walked (a loop) is not walked again: its files are already in the list. A dangling link is listed, so that a
 * batch reports it rather than silently leaving it out.
 */
final class FileTree {
    private FileTree() {
    }

    static List<Path> files(Path dir) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                                files.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                            if (e instanceof FileSystemLoopException) {
                                return FileVisitResult.CONTINUE;
                            }
                            if (file.equals(dir)) {
                                throw e;
                            }
                            files.add(file); // unreadable: the batch reports it
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list: " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }
}
