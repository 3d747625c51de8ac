package nero.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import nero.core.InvalidInputException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The files of a job, listed on the driver by path only (Spark's {@code binaryFile} source without its content
 * column, so no file is ever read into a row), in the order the single-machine command takes them.
 */
final class InputListing {
    /** The files in order; {@code fromFolder}: listed from folders (files that are no input are left out quietly). */
    record Listing(List<InputFile> files, boolean fromFolder) {
    }

    /** An ImageFolder tree: its class folders (sorted names = label order) and its files, class by class. */
    record Folder(String root, List<String> classNames, List<InputFile> files) {
    }

    enum Kind { AUTO, DIR, LIST, PARQUET }

    private InputListing() {
    }

    /**
     * {@code --input}: a folder (its files, recursively, sorted by path, as {@code score DIR}), a text file naming one
     * file per line (in that order; blank lines and lines starting with # are ignored), or a Parquet table with a
     * {@code path} column (sorted by path). {@code AUTO}: a folder is listed unless its name ends in .parquet, a
     * file ending in .parquet is a table, any other file a list.
     */
    static Listing of(SparkSession spark, String input, Kind kind) {
        org.apache.hadoop.fs.Path path = qualified(spark, input);
        Kind k = kind == Kind.AUTO ? detect(spark, path) : kind;
        return switch (k) {
            case DIR -> new Listing(folderFiles(spark, path, 0), true);
            case LIST -> new Listing(listed(spark, path), false);
            case PARQUET -> new Listing(table(spark, path), false);
            case AUTO -> throw new IllegalStateException();
        };
    }

    /** Files of a folder, recursively, sorted by path, numbered from {@code firstOrder}. */
    static List<InputFile> folderFiles(SparkSession spark, org.apache.hadoop.fs.Path dir, long firstOrder) {
        List<String> names = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (String listed : listUris(spark, dir)) {
            String uri = new org.apache.hadoop.fs.Path(listed).toUri().toString(); // escaped, for URI.create
            uris.add(uri);
            names.add(nameOf(uri));
        }
        Integer[] order = new Integer[uris.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(names::get));
        List<InputFile> files = new ArrayList<>(order.length);
        for (int i = 0; i < order.length; i++) {
            files.add(new InputFile(firstOrder + i, uris.get(order[i]), names.get(order[i]), null));
        }
        return files;
    }

    /**
     * An ImageFolder tree as {@code fit} reads it: class = first-level folder (hidden ones left out), the files
     * below each class folder at any depth, class by class, each class sorted by path.
     */
    static Folder imageFolder(SparkSession spark, String root) {
        org.apache.hadoop.fs.Path rootPath = qualified(spark, root);
        List<String> classes = new ArrayList<>();
        try {
            FileSystem fs = rootPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.getFileStatus(rootPath).isDirectory()) {
                throw new InvalidInputException(root
                        + ": not a folder (an ImageFolder tree needs one sub-folder per class)");
            }
            for (FileStatus s : fs.listStatus(rootPath)) {
                String name = s.getPath().getName();
                if (s.isDirectory() && !name.startsWith(".")) {
                    classes.add(name);
                }
            }
        } catch (java.io.FileNotFoundException e) {
            throw new InvalidInputException(root + ": not found");
        } catch (IOException e) {
            throw new InvalidInputException(root + ": cannot list: " + e.getMessage(), e);
        }
        classes.sort(Comparator.naturalOrder());
        if (classes.isEmpty()) {
            throw new InvalidInputException(root + ": no class folders (ImageFolder layout: root/<class>/<images>)");
        }
        List<InputFile> files = new ArrayList<>();
        for (String c : classes) {
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(rootPath, c);
            List<InputFile> inClass = folderFiles(spark, dir, files.size());
            if (inClass.isEmpty()) {
                throw new InvalidInputException(dir + ": class folder '" + c
                        + "' contains no images, DICOM files or videos");
            }
            for (InputFile f : inClass) {
                files.add(new InputFile(f.order(), f.uri(), f.name(), c));
            }
        }
        return new Folder(rootPath.toString(), List.copyOf(classes), files);
    }

    private static List<String> listUris(SparkSession spark, org.apache.hadoop.fs.Path dir) {
        try {
            return spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(dir.toString())
                    .select("path").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        } catch (Exception e) { // Scala throws AnalysisException (checked in Java) without declaring it
            if (e instanceof org.apache.spark.sql.AnalysisException) {
                throw new InvalidInputException(dir + ": cannot list: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static List<InputFile> listed(SparkSession spark, org.apache.hadoop.fs.Path listFile) {
        List<String> lines = spark.read().textFile(listFile.toString()).collectAsList();
        List<InputFile> files = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String uri = qualified(spark, t).toUri().toString();
            files.add(new InputFile(files.size(), uri, nameOf(uri), null));
        }
        if (files.isEmpty()) {
            throw new InvalidInputException(listFile + ": the file list names no file");
        }
        return files;
    }

    private static List<InputFile> table(SparkSession spark, org.apache.hadoop.fs.Path table) {
        List<Row> rows = spark.read().parquet(table.toString()).select("path").collectAsList();
        List<String> uris = new ArrayList<>();
        for (Row r : rows) {
            if (!r.isNullAt(0)) {
                uris.add(qualified(spark, r.getString(0)).toUri().toString());
            }
        }
        uris.sort(Comparator.comparing(InputListing::nameOf));
        List<InputFile> files = new ArrayList<>();
        for (String uri : uris) {
            files.add(new InputFile(files.size(), uri, nameOf(uri), null));
        }
        if (files.isEmpty()) {
            throw new InvalidInputException(table + ": the table has no path");
        }
        return files;
    }

    private static Kind detect(SparkSession spark, org.apache.hadoop.fs.Path path) {
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            FileStatus status = fs.getFileStatus(path);
            boolean parquetName = path.getName().toLowerCase(Locale.ROOT).endsWith(".parquet");
            if (status.isDirectory()) {
                return parquetName ? Kind.PARQUET : Kind.DIR;
            }
            return parquetName ? Kind.PARQUET : Kind.LIST;
        } catch (java.io.FileNotFoundException e) {
            throw new InvalidInputException(path + ": not found");
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * A path without a scheme is on the local file system (the same path on every machine: NFS, a shared
     * volume), relative ones taken from the driver's working folder, as on one machine; others (hdfs://…) as given.
     */
    static org.apache.hadoop.fs.Path qualified(SparkSession spark, String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            URI uri = p.toUri();
            if (uri.getScheme() == null) {
                // file:/abs/path, without the trailing slash Path.toUri() gives a folder (its name would be lost)
                p = new org.apache.hadoop.fs.Path("file", null, Path.of(path).toAbsolutePath().normalize().toString());
            }
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(path + ": not a usable path: " + e.getMessage(), e);
        }
    }

    /** The name a file's rows carry: the local path for local files (as on one machine), else its URI. */
    static String nameOf(String uri) {
        URI u = URI.create(uri);
        if ("file".equals(u.getScheme())) {
            return Path.of(u).toString();
        }
        return uri;
    }
}
