package nero.io.source;

import ij.ImagePlus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import nero.core.InvalidInputException;
import nero.io.FileKind;
import nero.io.FileNameEncoding;
import nero.io.ImageSource;
import nero.io.SourceItem;
import nero.io.video.FrameSampling;
import nero.io.video.VideoReader;

/**
 * Where images come from: a file, a folder tree, a list, an ImageFolder tree, a video, or images already
 * open in ImageJ. Files are recognised by their content (not only the extension). Items are produced lazily and
 * decoded on {@link SourceItem#read()}, so sources of any size stream.
 */
public final class ImageSources {
    private ImageSources() {
    }

    /** A file (image, DICOM or video) or a folder (recursive, sorted by path; images, DICOM and videos). */
    public static ImageSource open(Path path) {
        return open(path, FrameSampling.defaults());
    }

    public static ImageSource open(Path path, FrameSampling videoSampling) {
        return open(List.of(path), videoSampling);
    }

    /** Files and folders in the order given (folders expanded recursively, sorted). */
    public static ImageSource open(List<Path> paths) {
        return open(paths, FrameSampling.defaults());
    }

    public static ImageSource open(List<Path> paths, FrameSampling videoSampling) {
        List<FileListSource.Entry> entries = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                for (Path f : inputFilesUnder(p)) {
                    entries.add(new FileListSource.Entry(f, null));
                }
            } else {
                FileKind kind = FileKind.of(p);
                if (kind == FileKind.UNKNOWN) {
                    throw new InvalidInputException(p + ": unrecognised file format (not an image, DICOM Part-10 file or"
                            + " video; content checked, not only the extension)");
                }
                entries.add(new FileListSource.Entry(p, null));
            }
        }
        return new FileListSource(entries, videoSampling, List.of());
    }

    /**
     * An ImageFolder tree: class = first-level folder (sorted names = label order), files at any depth below.
     * No class folder, or a class folder without any image, is refused.
     */
    public static ImageFolderSource imageFolder(Path root) {
        return imageFolder(root, FrameSampling.defaults());
    }

    public static ImageFolderSource imageFolder(Path root, FrameSampling videoSampling) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(root + ": not a folder (an ImageFolder tree needs one sub-folder per class)");
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(root)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !isHidden(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new InvalidInputException(root + ": cannot list: " + e.getMessage(), e);
        }
        classDirs.forEach(FileNameEncoding::checkUsable); // a class name this Java cannot read: refused
        if (classDirs.isEmpty()) {
            throw new InvalidInputException(root + ": no class folders (ImageFolder layout: root/<class>/<images>)");
        }
        List<String> classes = new ArrayList<>();
        List<FileListSource.Entry> entries = new ArrayList<>();
        for (Path dir : classDirs) {
            String label = dir.getFileName().toString();
            List<Path> files = inputFilesUnder(dir);
            if (files.isEmpty()) {
                throw new InvalidInputException(dir + ": class folder '" + label + "' contains no images, DICOM files or videos");
            }
            classes.add(label);
            files.forEach(f -> entries.add(new FileListSource.Entry(f, label)));
        }
        return new ImageFolderSource(root, entries, classes, videoSampling);
    }

    /** Stills of a video file. */
    public static ImageSource video(Path file, FrameSampling sampling) {
        return VideoReader.open(file, sampling);
    }

    /**
     * Images already open in ImageJ, one item per picture: the image itself (its id is its title), or each (z, t)
     * position of a stack or hyperstack ({@link StackPlanes}). A single picture that is an unchanged reading of an
     * image file is read again from that file, as the command line reads it ({@link OpenImages}).
     */
    public static ImageSource of(List<ImagePlus> images) {
        List<SourceItem> items = images.stream().flatMap(imp -> StackPlanes.items(imp).stream()).toList();
        return new ImageSource() {
            @Override
            public java.util.Iterator<SourceItem> iterator() {
                return items.iterator();
            }

            @Override
            public long sizeHint() {
                return items.size();
            }
        };
    }

    /**
     * Recognised input files under a folder, recursively, sorted by path, links followed ({@link FileTree});
     * hidden files and other files skipped.
     */
    static List<Path> inputFilesUnder(Path dir) {
        return FileTree.files(dir).stream().filter(p -> !isHidden(p)).filter(ImageSources::isRecognised).toList();
    }

    /**
     * Whether a folder walk would read this file as an input: an existing image, DICOM or video, or a name that says
     * it is one (x.png, y.dcm…). An output with such a name inside an input folder would become an input next time.
     */
    public static boolean wouldBeRead(Path file) {
        return Files.exists(file) ? isRecognised(file) : INPUT_EXTENSION.matcher(file.getFileName().toString()).matches();
    }

    /**
     * Whether a folder listing takes this file: the rule {@link #open(Path)} applies to the files under a folder
     * (not hidden; recognised by content, or named like an input so that a broken one is reported). For callers
     * that list folders themselves, such as a cluster job.
     */
    public static boolean isInputFile(Path file) {
        return !isHidden(file) && isRecognised(file);
    }

    /**
     * Files whose content is an image, DICOM or video; and files whose name says they are one (x.jpg) even when the
     * content does not (empty, unreadable, or not what the name says): those are kept so the batch reports them
     * instead of silently skipping them. Other files (notes, CSVs) in a data folder are left out quietly.
     */
    private static boolean isRecognised(Path file) {
        boolean inputName = INPUT_EXTENSION.matcher(file.getFileName().toString()).matches();
        try {
            return FileKind.of(file) != FileKind.UNKNOWN || inputName;
        } catch (InvalidInputException e) {
            return inputName;
        }
    }

    private static final java.util.regex.Pattern INPUT_EXTENSION = java.util.regex.Pattern.compile(
            "(?i).*\\.(jpe?g|png|tiff?|bmp|gif|dcm|dicom|mp4|mov|m4v|ts|mts|m2ts|mpg|mpeg|vob|m2v|avi|mkv|webm|wmv|asf|mxf|flv)$");

    private static boolean isHidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
