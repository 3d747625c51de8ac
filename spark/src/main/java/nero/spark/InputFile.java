package nero.spark;

import java.io.Serializable;

/**
 * One input file of a job: its place in the single-machine order ({@code order}), where it is ({@code uri}: a
 * Hadoop-style URI such as {@code file:/data/a.jpg} or {@code hdfs://nn/data/a.mp4}), the path its rows are named
 * by ({@code name}: the local path for local files, else the URI), and its class folder for fit (else null).
 */
record InputFile(long order, String uri, String name, String label) implements Serializable {
}
